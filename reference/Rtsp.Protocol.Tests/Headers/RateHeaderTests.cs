using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

/// <summary>Scale (RFC 2326 §12.34) and Speed (§12.35): the decimal grammar and nothing .NET's number parser adds.</summary>
public class RateHeaderTests
{
    [TestCase("1", 1.0)]
    [TestCase("1.", 1.0)]
    [TestCase(" 2.5 ", 2.5)]
    [TestCase("-3.5", -3.5)]
    [TestCase("0", 0.0)]
    [TestCase("0.5", 0.5)]
    public void Scale_parses_signed_decimals(string text, double ratio) => ScaleHeader.Parse(text).Ratio.Should().Be(ratio);

    [TestCase("abc")]
    [TestCase("nan")]
    [TestCase("NaN")]
    [TestCase("inf")]
    [TestCase("Infinity")]
    [TestCase("")]
    [TestCase("0x10")]
    [TestCase("1 2")]
    [TestCase("1e3")]
    [TestCase("+2")]
    [TestCase(".5")]
    [TestCase("-")]
    [TestCase("1,5")]
    [TestCase("--1")]
    [TestCase("111111111111111111111111111111111")]
    public void Scale_rejects_what_is_not_in_the_grammar(string text)
    {
        ScaleHeader.TryParse(text, out _).Should().BeFalse();
        var act = () => ScaleHeader.Parse(text);
        act.Should().Throw<HeaderFormatException>().Which.HeaderName.Should().Be("Scale");
    }

    [TestCase("1", 1.0)]
    [TestCase("2.5", 2.5)]
    [TestCase("0.25", 0.25)]
    public void Speed_parses_positive_decimals(string text, double ratio) => SpeedHeader.Parse(text).Ratio.Should().Be(ratio);

    [TestCase("-1")]
    [TestCase("0")]
    [TestCase("0.000")]
    [TestCase("nan")]
    [TestCase("inf")]
    [TestCase("")]
    [TestCase("1 2")]
    public void Speed_rejects_zero_negatives_and_garbage(string text) => SpeedHeader.TryParse(text, out _).Should().BeFalse();

    [Test]
    public void Both_format_as_plain_decimals()
    {
        new ScaleHeader(1).ToString().Should().Be("1.0");
        new ScaleHeader(-3.5).ToString().Should().Be("-3.5");
        new SpeedHeader(2.5).ToString().Should().Be("2.5");
    }
}
