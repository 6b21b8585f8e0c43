using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

public class CSeqHeaderTests
{
    [TestCase("1", 1)]
    [TestCase("302", 302)]
    [TestCase(" 834 ", 834)]
    [TestCase("0", 0)]
    [TestCase("999999999999999999", 999999999999999999)]
    public void Parses_numbers(string text, long value)
    {
        CSeqHeader.Parse(text).Value.Should().Be(value);
        CSeqHeader.Parse(text).ToString().Should().Be(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestCase("abc")]
    [TestCase("")]
    [TestCase("-1")]
    [TestCase("+1")]
    [TestCase("1.5")]
    [TestCase("1 2")]
    [TestCase("9999999999999999999")]
    public void Rejects_what_is_not_a_sequence_number(string text)
    {
        CSeqHeader.TryParse(text, out _).Should().BeFalse();
        var act = () => CSeqHeader.Parse(text);
        act.Should().Throw<HeaderFormatException>().Which.HeaderName.Should().Be("CSeq");
    }
}
