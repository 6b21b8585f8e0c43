using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

public class SessionHeaderTests
{
    [TestCase("12345678", "12345678", null)]
    [TestCase("47112344;timeout=60", "47112344", 60)]
    [TestCase("tME3RuR1ZNDWpn2u", "tME3RuR1ZNDWpn2u", null)]
    [TestCase("ZR8ti04uO0lTpp.H", "ZR8ti04uO0lTpp.H", null)]
    [TestCase("+0-KX88mrutk8z.g", "+0-KX88mrutk8z.g", null)]
    [TestCase("$a_b-c.d+e", "$a_b-c.d+e", null)]
    [TestCase("4", "4", null)]
    [TestCase("abc; Timeout = 30", "abc", 30)]
    [TestCase("abc;TIMEOUT=5;x-other=1", "abc", 5)]
    public void Parses_ids_and_the_timeout(string text, string id, int? timeout)
    {
        var header = SessionHeader.Parse(text);
        header.Should().Be(new SessionHeader(id, timeout));
        SessionHeader.Parse(header.ToString()).Should().Be(header);
    }

    [Test]
    public void Every_session_id_in_the_transcripts_parses()
    {
        var values = Tests.Rtsp.TranscriptFile.HeaderValues("Session").ToList();
        values.Should().HaveCountGreaterThan(10);
        values.Should().AllSatisfy(v => SessionHeader.Parse(v).Id.Should().Be(v));
    }

    [TestCase("")]
    [TestCase(";timeout=60")]
    [TestCase("a b")]
    [TestCase("abc;timeout=")]
    [TestCase("abc;timeout=x")]
    [TestCase("abc;timeout=-1")]
    [TestCase("abc;timeout=1;timeout=2")]
    [TestCase("abc;timeout=99999999999")]
    [TestCase("ab,c")]
    public void Rejects_malformed_sessions(string text)
    {
        SessionHeader.TryParse(text, out _).Should().BeFalse();
        var act = () => SessionHeader.Parse(text);
        act.Should().Throw<HeaderFormatException>();
    }

    [Test]
    public void Formats_with_and_without_timeout()
    {
        new SessionHeader("abc", 60).ToString().Should().Be("abc;timeout=60");
        new SessionHeader("abc").ToString().Should().Be("abc");
    }
}
