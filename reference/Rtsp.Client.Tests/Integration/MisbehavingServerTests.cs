using Rtsp.Browser.Tests.Infrastructure;
using Rtsp.Client.Session;
using Rtsp.Client.Tests.TestSupport;
using Rtsp.Client.Transport;

namespace Rtsp.Client.Tests.Integration;

/// <summary>The client against the reference server's fault switches: it must count, report or survive what the
/// server does wrong, and say what that was.</summary>
[Category("Integration")]
[NonParallelizable]
public class MisbehavingServerTests
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(40);

    [Test]
    public async Task Lost_fragments_are_counted_as_incomplete_frames_and_not_shown()
    {
        await using var server = await ReferenceServer.StartAsync("--fault", "drop-fragment");
        await using var session = new RtspClientSession(server.SampleUrl, new RtspClientOptions { Transport = RtpTransportMode.Udp });
        var playback = new PlaybackRecorder(session);
        await session.ConnectAsync();
        await session.PlayAsync();
        await playback.WaitForEndAsync(StreamTimeout);

        var statistics = session.GetStatistics();
        statistics.IncompleteFrames.Should().Be(10, "every 25th of 250 frames loses its second fragment");
        statistics.Frames.Should().Be(240);
        statistics.LostPackets.Should().Be(0, "sequence numbers stay contiguous: only the fragment offsets show the loss");
        playback.FrameNumbers().Should().OnlyContain(n => n.HasValue, "no broken frame reaches the viewer");
    }

    [Test]
    public async Task A_cseq_mismatch_is_a_clear_error()
    {
        await using var server = await ReferenceServer.StartAsync("--fault", "cseq-mismatch");
        await using var session = new RtspClientSession(server.SampleUrl);

        var connect = () => session.ConnectAsync();

        (await connect.Should().ThrowAsync<RtspServerBehaviourException>()).WithMessage("CSeq mismatch: sent 1, server answered 2 (to OPTIONS).");
        session.State.Should().Be(RtspClientState.Finished);
        var run = await CommandRun.RtspRefAsync(StreamTimeout, "play", server.SampleUrl);
        run.ExitCode.Should().Be(1);
        run.StandardError.Should().Contain("error: CSeq mismatch: sent 1, server answered 2");
    }

    [TestCase(RtpTransportMode.Udp)]
    [TestCase(RtpTransportMode.Tcp)]
    public async Task An_ignored_teardown_still_stops_the_client_cleanly(RtpTransportMode mode)
    {
        await using var server = await ReferenceServer.StartAsync("--fault", "teardown-ignored");
        var session = new RtspClientSession(server.LiveUrl, new RtspClientOptions { Transport = mode });
        var playback = new PlaybackRecorder(session);
        await session.ConnectAsync();
        await session.PlayAsync();
        await playback.WaitForFramesAsync(10, StreamTimeout);

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await session.TeardownAsync();
        await session.DisposeAsync();
        stopping.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));

        session.State.Should().Be(RtspClientState.Finished);
        var afterTeardown = playback.Count;
        await Task.Delay(1000);
        playback.Count.Should().Be(afterTeardown, "the server keeps sending, but the client has closed its side");
        if (mode == RtpTransportMode.Udp)
        {
            // Over TCP the server ends the session with the connection the client closed; over UDP it lingers.
            (await server.SessionCountAsync()).Should().Be(1, "the server really ignored the TEARDOWN");
        }

        var run = await CommandRun.RtspRefAsync(StreamTimeout, "play", server.LiveUrl, "--transport", mode.ToString().ToLowerInvariant(), "--duration", "2");
        run.ExitCode.Should().Be(0, run.StandardError);
        run.StandardOutput.Should().Contain("summary: frames=");
    }
}
