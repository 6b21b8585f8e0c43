using System.Text;
using Rtsp.Protocol.Sdp;

namespace Rtsp.Protocol.Tests.Sdp;

public class SessionDescriptionRobustnessTests
{
    private const string Alphabet = "vosiuepcbtrzkamx=: /0123456789.-*\r\n\t\0é";

    [TestCase(1)]
    [TestCase(2)]
    public void Mutated_real_descriptions_parse_or_give_a_typed_error(int seed)
    {
        var random = new Random(seed);
        var bodies = SdpTestData.Names.Select(SdpTestData.Read).ToArray();
        int parsed = 0, rejected = 0;
        for (int i = 0; i < 400; i++)
        {
            var input = Mutate(bodies[i % bodies.Length], random);
            if (Check(input, seed, i))
            {
                parsed++;
            }
            else
            {
                rejected++;
            }
        }
        parsed.Should().BeGreaterThan(40);
        rejected.Should().BeGreaterThan(40);
    }

    [Test]
    public void Random_text_parses_or_gives_a_typed_error()
    {
        var random = new Random(3);
        for (int i = 0; i < 300; i++)
        {
            var text = new StringBuilder(i % 3 == 0 ? "v=0\r\n" : "");
            for (int n = random.Next(200); n > 0; n--)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }
            Check(text.ToString(), 3, i);
        }
    }

    [TestCase("m=video 99999999999999999999 RTP/AVP 26")]
    [TestCase("b=AS:99999999999999999999999")]
    [TestCase("t=0 99999999999999999999999")]
    [TestCase("a=framerate:1e400")]
    [TestCase("a=rtpmap:26 JPEG/99999999999")]
    [TestCase("m=video 0/99999999999 RTP/AVP 26")]
    public void Numbers_too_big_for_their_field_are_typed_errors(string line)
    {
        var text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\n" + line + "\r\n";
        FluentActions.Invoking(() => SessionDescription.Parse(text)).Should().Throw<SdpFormatException>().Which.LineNumber.Should().Be(6);
    }

    [Test]
    public void A_megabyte_attribute_is_read_without_trouble()
    {
        var value = new string('x', 1 << 20);
        var sdp = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\na=x-big:" + value + "\r\n");
        sdp.GetAttribute("x-big")!.Value.Should().HaveLength(1 << 20);
    }

    /// <summary>True when it parsed (and then re-parses to the same text), false for an SdpFormatException; anything else fails the test.</summary>
    private static bool Check(string input, int seed, int index)
    {
        try
        {
            if (SessionDescription.TryParse(input, out var sdp, out var error))
            {
                var text = sdp!.ToString();
                SessionDescription.Parse(text).ToString().Should().Be(text);
                return true;
            }
            error.Should().StartWith("SDP line ");
            FluentActions.Invoking(() => SessionDescription.Parse(input)).Should().Throw<SdpFormatException>();
            return false;
        }
        catch (Exception e) when (e is not AssertionException)
        {
            throw new AssertionException($"seed {seed} input {index} threw {e.GetType().Name}: {e.Message}\n{input}", e);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split("\r\n").ToList();
        switch (random.Next(6))
        {
            case 0:
                return text[..random.Next(text.Length + 1)];
            case 1:
                int at = random.Next(text.Length);
                return text[..at] + Alphabet[random.Next(Alphabet.Length)] + text[(at + 1)..];
            case 2:
                int insert = random.Next(text.Length + 1);
                return text[..insert] + Alphabet[random.Next(Alphabet.Length)] + text[insert..];
            case 3:
                lines.RemoveAt(random.Next(lines.Count));
                return string.Join("\r\n", lines);
            case 4:
                int from = random.Next(lines.Count), to = random.Next(lines.Count);
                (lines[from], lines[to]) = (lines[to], lines[from]);
                return string.Join("\r\n", lines);
            default:
                int line = random.Next(lines.Count);
                lines.Insert(line, lines[random.Next(lines.Count)]);
                return string.Join("\r\n", lines);
        }
    }
}
