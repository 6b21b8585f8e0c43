using Rtsp.Browser.Tests.Infrastructure;
using Rtsp.Client.Session;
using Rtsp.Client.Tests.TestSupport;
using Rtsp.Client.Transport;
using Rtsp.Protocol.Mjpeg;

namespace Rtsp.Client.Tests.Integration;

/// <summary>
/// The client library and <c>rtsp-ref play</c> against a real <c>rtsp-ref serve</c> process on loopback. The
/// server's sample is 10 s of 25 fps (250 frames), each carrying its frame number as a barcode, so every check
/// says which frames arrived, not only how many.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public class ReferenceServerPlaybackTests
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(40);
    private static readonly uint[] AllFrames = Enumerable.Range(0, 250).Select(i => (uint)i).ToArray();

    private ReferenceServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await ReferenceServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    private RtspClientSession NewSession(RtpTransportMode mode, string? url = null)
        => new(url ?? _server.SampleUrl, new RtspClientOptions { Transport = mode });

    [TestCase(RtpTransportMode.Udp)]
    [TestCase(RtpTransportMode.Tcp)]
    public async Task The_10_s_sample_gives_all_250_frames_none_incomplete(RtpTransportMode mode)
    {
        await using var session = NewSession(mode);
        var playback = new PlaybackRecorder(session);

        await session.ConnectAsync();
        session.Duration.Should().Be(10);
        await session.PlayAsync();
        await playback.WaitForEndAsync(StreamTimeout);

        session.ActiveTransport.Should().Be(mode);
        var statistics = session.GetStatistics();
        statistics.Frames.Should().Be(250);
        statistics.IncompleteFrames.Should().Be(0);
        statistics.LostPackets.Should().Be(0);
        playback.FrameNumbers().Should().Equal(AllFrames.Cast<uint?>(), "every frame arrives once, in order");
        playback.Frames[^1].Position.Should().BeApproximately(9.96, 0.01);
        (await session.TeardownAsync()).Should().BeTrue();
        session.ReceiverReportsSent.Should().BeGreaterThan(0, "a 10 s session sends RTCP receiver reports every ~5 s");
    }

    [Test]
    public async Task Record_writes_an_mjpeg_file_of_250_frames_that_decode()
    {
        var directory = Directory.CreateTempSubdirectory("rtsp-client-record-");
        try
        {
            var output = Path.Combine(directory.FullName, "out.mjpeg");

            var run = await CommandRun.RtspRefAsync(StreamTimeout, "play", _server.SampleUrl, "--transport", "udp", "--record", output);

            run.ExitCode.Should().Be(0, run.StandardError);
            run.StandardOutput.Should().Contain("summary: frames=250 incomplete=0").And.Contain("recorded=250").And.Contain("teardown=answered");
            var index = MjpegFileIndex.Open(output);
            index.FrameCount.Should().Be(250);
            Enumerable.Range(0, index.FrameCount).Select(i => FrameNumbers.FromJpeg(index.GetFrame(i).ToArray()))
                .Should().Equal(AllFrames.Cast<uint?>(), "every recorded frame decodes and is the frame sent");

            await using var replay = await ReferenceServer.StartAsync("--media", directory.FullName);
            await using var session = new RtspClientSession(replay.Url + "out.mjpeg", new RtspClientOptions { Transport = RtpTransportMode.Tcp });
            var playback = new PlaybackRecorder(session);
            await session.ConnectAsync();
            await session.PlayAsync();
            await playback.WaitForEndAsync(StreamTimeout);
            playback.FrameNumbers().Should().Equal(AllFrames.Cast<uint?>(), "our own server serves the recording back frame for frame");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestCase(RtpTransportMode.Udp, 4.0)]
    [TestCase(RtpTransportMode.Tcp, 7.5)]
    public async Task Play_with_a_range_starts_where_asked(RtpTransportMode mode, double start)
    {
        await using var session = NewSession(mode);
        var playback = new PlaybackRecorder(session);
        await session.ConnectAsync();

        await session.PlayAsync(from: start);
        await playback.WaitForFramesAsync(10, StreamTimeout);

        var expected = (int)Math.Round(start * 25);
        ((int)FrameNumbers.FromJpeg(playback.Frames[0].Data)!.Value).Should().BeInRange(expected - 1, expected + 1);
        playback.Frames[0].Position.Should().BeApproximately(start, 0.05);
    }

    [Test]
    public async Task Seeking_while_playing_jumps_to_the_new_position()
    {
        await using var session = NewSession(RtpTransportMode.Udp);
        var playback = new PlaybackRecorder(session);
        await session.ConnectAsync();
        await session.PlayAsync();
        await playback.WaitForFramesAsync(20, StreamTimeout);

        var beforeSeek = playback.Count;
        await session.SeekAsync(7.0);
        await playback.WaitForFramesAsync(beforeSeek + 15, StreamTimeout);

        // Frames sent before the PAUSE took effect may still arrive first; then the stream jumps.
        var numbers = playback.FrameNumbers(beforeSeek);
        var jumped = numbers.SkipWhile(n => n < 150).ToList();
        jumped.Should().NotBeEmpty();
        ((int)jumped[0]!.Value).Should().BeInRange(174, 176, "the first frame after the seek is frame 175 (7 s)");
        jumped.Should().BeInAscendingOrder().And.OnlyContain(n => n >= 174);
        session.Position.Should().BeGreaterThanOrEqualTo(7.0);
        session.State.Should().Be(RtspClientState.Playing);
    }

    [Test]
    public async Task Pause_stops_the_stream_and_play_resumes_where_it_paused()
    {
        await using var session = NewSession(RtpTransportMode.Udp);
        var playback = new PlaybackRecorder(session);
        await session.ConnectAsync();
        await session.PlayAsync();
        await playback.WaitForFramesAsync(25, StreamTimeout);

        await session.PauseAsync();
        session.State.Should().Be(RtspClientState.Ready);
        await Task.Delay(300);
        var pausedAt = playback.Count;
        var lastBefore = FrameNumbers.FromJpeg(playback.Frames[^1].Data)!.Value;
        await Task.Delay(1000);
        playback.Count.Should().Be(pausedAt, "no frame arrives while paused");

        await session.PlayAsync();
        await playback.WaitForEndAsync(StreamTimeout);

        var resumed = playback.FrameNumbers(pausedAt);
        ((int)resumed[0]!.Value).Should().Be((int)lastBefore + 1, "PLAY without a range resumes after the last frame");
        playback.FrameNumbers().Should().Equal(AllFrames.Cast<uint?>(), "pause and resume lose no frame");
    }

    [Test]
    public async Task Teardown_ends_the_session_on_the_server()
    {
        await using var session = NewSession(RtpTransportMode.Udp, _server.LiveUrl);
        await session.ConnectAsync();
        await session.PlayAsync();
        (await _server.SessionCountAsync()).Should().Be(1);

        (await session.TeardownAsync()).Should().BeTrue();

        session.State.Should().Be(RtspClientState.Finished);
        (await _server.WaitForSessionCountAsync(0, TimeSpan.FromSeconds(5))).Should().Be(0);
    }

    [Test]
    public async Task The_live_pattern_is_live_and_cannot_seek()
    {
        await using var session = NewSession(RtpTransportMode.Auto, _server.LiveUrl);
        var playback = new PlaybackRecorder(session);
        await session.ConnectAsync();
        await session.PlayAsync();
        await playback.WaitForFramesAsync(25, StreamTimeout);

        session.Duration.Should().BeNull();
        session.ActiveTransport.Should().Be(RtpTransportMode.Udp, "auto tries UDP first and it works on loopback");
        var seek = () => session.SeekAsync(3);
        await seek.Should().ThrowAsync<InvalidOperationException>().WithMessage("*live*");
        session.GetStatistics().IncompleteFrames.Should().Be(0);
    }

    [Test]
    public async Task Keep_alives_hold_a_session_past_its_timeout()
    {
        await using var server = await ReferenceServer.StartAsync("--session-timeout", "2");
        await using var session = new RtspClientSession(server.SampleUrl, new RtspClientOptions { Transport = RtpTransportMode.Udp });
        var playback = new PlaybackRecorder(session);
        await session.ConnectAsync();

        await Task.Delay(TimeSpan.FromSeconds(5));

        session.KeepAlivesSent.Should().BeGreaterThanOrEqualTo(2, "with a 2 s session timeout the client sends one every second");
        (await server.SessionCountAsync()).Should().Be(1, "the keep-alives kept the session");
        await session.PlayAsync();
        await playback.WaitForFramesAsync(10, StreamTimeout);
    }

    [Test]
    public async Task Credentials_in_the_url_answer_the_servers_challenge()
    {
        await using var server = await ReferenceServer.StartAsync("--user", "alice", "--password", "s3cret");
        var withCredentials = server.SampleUrl.Replace("rtsp://", "rtsp://alice:s3cret@", StringComparison.Ordinal);
        await using var session = new RtspClientSession(withCredentials, new RtspClientOptions { Transport = RtpTransportMode.Tcp });
        var playback = new PlaybackRecorder(session);

        await session.ConnectAsync();
        await session.PlayAsync();
        await playback.WaitForFramesAsync(10, StreamTimeout);

        await using var anonymous = new RtspClientSession(server.SampleUrl);
        var refused = () => anonymous.ConnectAsync();
        (await refused.Should().ThrowAsync<RtspClientException>()).WithMessage("*401*put them in the URL*");
    }
}
