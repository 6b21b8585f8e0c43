using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// Scale and Speed (RFC 2326 12.34, 12.35) on PLAY: a value outside their grammar (<c>[-]1*DIGIT[.*DIGIT]</c>;
/// Speed "of zero is invalid") is a 400; a well-formed rate this server does not play (anything but 1) is 456
/// Header Field Not Valid for Resource and nothing starts; 1 plays and the reply names the scale chosen (12.34: "The
/// response MUST contain the actual scale value chosen by the server"). Before, garbage was answered 200.
/// </summary>
public class ScaleSpeedTests : RobustnessTest
{
    [TestCase("Scale", "abc")]
    [TestCase("Scale", "nan")]
    [TestCase("Scale", "inf")]
    [TestCase("Scale", "")]
    [TestCase("Scale", "0x10")]
    [TestCase("Scale", "1 2")]
    [TestCase("Scale", "1e3")]
    [TestCase("Scale", "+2")]
    [TestCase("Scale", ".5")]
    [TestCase("Speed", "abc")]
    [TestCase("Speed", "nan")]
    [TestCase("Speed", "inf")]
    [TestCase("Speed", "")]
    [TestCase("Speed", "0x10")]
    [TestCase("Speed", "1 2")]
    [TestCase("Speed", "-1")]
    [TestCase("Speed", "0")]
    [TestCase("Speed", "0.0")]
    public async Task A_malformed_rate_gets_400_and_nothing_plays(string header, string value)
    {
        await using var playback = await Playback.SetUpAsync(Server);
        var response = await playback.Client.SendAsync("PLAY", playback.Url, ("Session", playback.Session), (header, value));
        response.StatusCode.Should().Be(400, $"{header}: '{value}' is outside RFC 2326's grammar");
        (await playback.Receiver.WaitForRtpAsync(1, TimeSpan.FromMilliseconds(500))).Should().BeFalse("a refused PLAY starts nothing");
        (await playback.PlayAsync()).StatusCode.Should().Be(200, "the session is still usable");
    }

    [TestCase("Scale", "2")]
    [TestCase("Scale", "-1")]
    [TestCase("Scale", "0.5")]
    [TestCase("Scale", "0")]
    [TestCase("Speed", "2.5")]
    [TestCase("Speed", "0.5")]
    public async Task A_rate_other_than_1_gets_456_and_nothing_plays(string header, string value)
    {
        await using var playback = await Playback.SetUpAsync(Server);
        var response = await playback.Client.SendAsync("PLAY", playback.Url, ("Session", playback.Session), (header, value));
        response.StatusCode.Should().Be(456, "the server sends files at their own rate only");
        (await playback.Receiver.WaitForRtpAsync(1, TimeSpan.FromMilliseconds(500))).Should().BeFalse("a refused PLAY starts nothing");
    }

    [TestCase("1")]
    [TestCase("1.0")]
    [TestCase(" 1.000 ")]
    public async Task Scale_1_plays_and_the_reply_names_the_scale(string value)
    {
        await using var playback = await Playback.SetUpAsync(Server);
        var response = await playback.Client.SendAsync("PLAY", playback.Url, ("Session", playback.Session), ("Scale", value), ("Speed", "1"));
        response.StatusCode.Should().Be(200);
        response.Headers.Get("Scale").Should().Be("1.0");
        (await playback.Receiver.WaitForRtpAsync(5, TimeSpan.FromSeconds(5))).Should().BeTrue();
    }
}
