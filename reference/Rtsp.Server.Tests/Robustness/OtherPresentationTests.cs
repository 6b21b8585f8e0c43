using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// A PLAY or PAUSE inside a session whose URL names another presentation is refused with 454 and changes nothing:
/// a session here streams one presentation, so for that URL the id is invalid (RFC 2326 11.3.5, 12.37 "The response
/// 454 (Session Not Found) is returned if the session identifier is invalid"). Before, it was answered 200 and played
/// the session's own media.
/// </summary>
public class OtherPresentationTests : RobustnessTest
{
    [Test]
    public async Task PLAY_naming_another_presentation_gets_454_and_nothing_plays()
    {
        await using var playback = await Playback.SetUpAsync(Server);
        string other = Server.Url("healthy.mjpeg/");
        foreach (string url in new[] { other, other + "stream=0", Server.Url("missing.mjpeg/") })
        {
            var response = await playback.Client.PlayAsync(url, playback.Session);
            response.StatusCode.Should().Be(454, $"session {playback.Session} plays sample.mjpeg, not {url}");
            response.Headers.Get("Session").Should().BeNull();
        }
        (await playback.Receiver.WaitForRtpAsync(1, TimeSpan.FromMilliseconds(500))).Should().BeFalse("a refused PLAY starts nothing");
        (await playback.Client.PlayAsync(playback.TrackUrl, playback.Session)).StatusCode.Should().Be(200, "the session's own track URL plays");
        (await playback.Receiver.WaitForRtpAsync(5, TimeSpan.FromSeconds(5))).Should().BeTrue();
    }

    [Test]
    public async Task PAUSE_naming_another_presentation_gets_454_and_the_stream_goes_on()
    {
        await using var playback = await Playback.SetUpAsync(Server);
        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        (await playback.Client.PauseAsync(Server.Url("healthy.mjpeg/"), playback.Session)).StatusCode.Should().Be(454);
        int before = playback.Receiver.Rtp.Count;
        (await playback.Receiver.WaitForRtpAsync(before + 20, TimeSpan.FromSeconds(5))).Should().BeTrue("the session was not paused");
    }
}
