using Rtsp.Client.Tests.TestSupport;
using Rtsp.Client.Transport;

namespace Rtsp.Client.Tests.Interop;

/// <summary>
/// The client against a server that is not ours: gst-rtsp-server 1.22 (PEERS.md), started by the test. Its
/// Content-Base ends with '/', its controls are relative (<c>stream=0</c>) and its Session has no timeout.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class GstreamerServerTests
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(60);

    private GstreamerServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await GstreamerServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [TestCase(RtpTransportMode.Udp)]
    [TestCase(RtpTransportMode.Tcp)]
    public async Task The_live_mount_plays_with_no_incomplete_frame(RtpTransportMode mode)
    {
        await using var session = new RtspClientSession(_server.LiveUrl, new RtspClientOptions { Transport = mode });
        var playback = new PlaybackRecorder(session);
        await session.ConnectAsync();
        session.Duration.Should().BeNull("the live mount has no closed range");

        await session.PlayAsync();
        await playback.WaitForFramesAsync(75, StreamTimeout);

        session.ActiveTransport.Should().Be(mode);
        session.GetStatistics().IncompleteFrames.Should().Be(0);
        playback.Frames.Should().OnlyContain(f => f.Width == 640 && f.Height == 480);
        (await session.TeardownAsync()).Should().BeTrue();
    }

    [TestCase(RtpTransportMode.Udp)]
    [TestCase(RtpTransportMode.Tcp)]
    public async Task The_avi_mount_plays_all_250_frames_with_no_incomplete_frame(RtpTransportMode mode)
    {
        await using var session = new RtspClientSession(_server.AviUrl, new RtspClientOptions { Transport = mode });
        var playback = new PlaybackRecorder(session);
        await session.ConnectAsync();
        session.Duration.Should().Be(10);

        await session.PlayAsync();
        await playback.WaitForEndAsync(StreamTimeout);

        var statistics = session.GetStatistics();
        statistics.Frames.Should().Be(250);
        statistics.IncompleteFrames.Should().Be(0);
        statistics.LostPackets.Should().Be(0);
    }

    [TestCase(RtpTransportMode.Udp)]
    [TestCase(RtpTransportMode.Tcp)]
    public async Task The_h264_mount_plays_every_access_unit_with_no_incomplete_frame(RtpTransportMode mode)
    {
        if (!GstreamerServer.HasH264Mount)
            Assert.Inconclusive("scripts/peers/gst_rtsp_server.py has no /h264 mount here (it comes with the clean-peers work)");
        await using var session = new RtspClientSession(_server.H264Url, new RtspClientOptions { Transport = mode });
        var playback = new PlaybackRecorder(session);
        await session.ConnectAsync();

        await session.PlayAsync();
        await playback.WaitForEndAsync(StreamTimeout);

        var statistics = session.GetStatistics();
        statistics.Frames.Should().Be(250, "10 s at 25 fps, every access unit from the first keyframe");
        statistics.IncompleteFrames.Should().Be(0);
        playback.Frames[0].IsKeyframe.Should().BeTrue();
        playback.Frames.Should().OnlyContain(f => f.Encoding == Rtsp.Client.Media.VideoEncoding.H264 && f.Width == 640 && f.Height == 480);
        playback.Frames.Count(f => f.IsKeyframe).Should().Be(10, "GOP 25");
    }

    [Test]
    public async Task A_seek_on_the_avi_mount_starts_at_the_range()
    {
        await using var session = new RtspClientSession(_server.AviUrl, new RtspClientOptions { Transport = RtpTransportMode.Udp });
        var playback = new PlaybackRecorder(session);
        await session.ConnectAsync();

        await session.PlayAsync(from: 6.0);
        await playback.WaitForEndAsync(StreamTimeout);

        playback.Frames[0].Position.Should().BeApproximately(6.0, 0.05);
        playback.Frames.Count.Should().BeInRange(98, 102, "the last 4 s of a 25 fps clip are 100 frames");
        session.GetStatistics().IncompleteFrames.Should().Be(0);
    }
}
