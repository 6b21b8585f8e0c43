using System.Text.RegularExpressions;
using Rtsp.Browser.Tests.Infrastructure;
using Rtsp.Client.Tests.TestSupport;

namespace Rtsp.Client.Tests.Integration;

/// <summary><c>rtsp-ref play</c> as a process: its options, its output and how it stops.</summary>
[Category("Integration")]
[NonParallelizable]
public partial class PlayCommandTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(40);

    private ReferenceServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await ReferenceServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [TearDown]
    public void ReportServerCrash()
    {
        if (_server.HasExited)
        {
            TestContext.Out.WriteLine($"the reference server exited; its output:\n{_server.Output}");
        }
    }

    [Test]
    public async Task Frames_stops_after_n_frames_with_progress_and_snapshots()
    {
        var snapshots = Directory.CreateTempSubdirectory("rtsp-client-snapshots-");
        try
        {
            var run = await CommandRun.RtspRefAsync(RunTimeout, "play", _server.LiveUrl, "--transport", "tcp", "--frames", "60", "--snapshot", snapshots.FullName);

            run.ExitCode.Should().Be(0, run.StandardError);
            run.StandardOutput.Should().Contain("stop=\"60 frames received\"").And.Contain("transport=tcp").And.Contain("teardown=answered");
            FramesInSummary(run.StandardOutput).Should().BeInRange(60, 62, "it stops right after the 60th frame");
            run.StandardError.Should().MatchRegex(@"frames \d+ \(0 incomplete\)  fps [\d.]+  loss 0\.00% \(0 packets\)  jitter [\d.]+ ms  bitrate [\d.]+ Mbit/s", "a progress line is printed every second");
            var files = snapshots.GetFiles("frame-*.jpg");
            files.Should().HaveCountGreaterThanOrEqualTo(2, "the first frame and one per second of a 2.4 s run");
            files.Should().OnlyContain(f => FrameNumbers.FromJpeg(File.ReadAllBytes(f.FullName)).HasValue);
        }
        finally
        {
            snapshots.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Duration_stops_after_that_many_seconds()
    {
        var run = await CommandRun.RtspRefAsync(RunTimeout, "play", _server.LiveUrl, "--duration", "2");

        run.ExitCode.Should().Be(0, run.StandardError);
        run.StandardOutput.Should().Contain("stop=\"--duration 2 s reached\"");
        // Frame counts of the live pattern depend on how fast a loaded machine renders it; the playing time does not.
        FramesInSummary(run.StandardOutput).Should().BePositive();
        double.Parse(PlayingSeconds().Match(run.StandardOutput).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeInRange(1.9, 3.5);
    }

    [Test]
    public async Task A_dead_url_exits_1_with_what_to_do()
    {
        var run = await CommandRun.RtspRefAsync(RunTimeout, "play", "rtsp://127.0.0.1:1/nothing");

        run.ExitCode.Should().Be(1);
        run.StandardError.Should().Contain("error: Could not connect to 127.0.0.1:1").And.Contain("Is the server running?");
    }

    [Test]
    public async Task A_bad_url_or_option_is_a_usage_error()
    {
        var url = await CommandRun.RtspRefAsync(RunTimeout, "play", "http://127.0.0.1/x");
        var transport = await CommandRun.RtspRefAsync(RunTimeout, "play", _server.SampleUrl, "--transport", "sctp");

        url.ExitCode.Should().NotBe(0);
        url.StandardError.Should().Contain("only rtsp:// is supported");
        transport.ExitCode.Should().NotBe(0);
        transport.StandardError.Should().Contain("sctp");
    }

    [Test]
    public async Task Sigterm_to_the_web_player_tears_the_session_down_before_it_exits()
    {
        var (player, _) = await ReadyLineProcess.StartAsync("dotnet",
            [RepositoryPaths.RtspRefDll, "play", _server.LiveUrl, "--web", "--web-port", "0"], WebReadyLine(), RunTimeout);
        await using (player)
        {
            (await _server.WaitForSessionCountAsync(1, TimeSpan.FromSeconds(10))).Should().Be(1, "the web player sets up when it starts");

            player.Terminate();

            (await player.WaitForExitAsync(TimeSpan.FromSeconds(15))).Should().BeTrue(player.Output);
            player.ExitCode.Should().Be(0, player.Output);
            player.Output.Should().Contain("TEARDOWN answered");
            (await _server.SessionCountAsync()).Should().Be(0);
        }
    }

    private static int FramesInSummary(string output) => int.Parse(SummaryFrames().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"summary: frames=(\d+)")]
    private static partial Regex SummaryFrames();

    [GeneratedRegex(@"playing_s=([\d.]+)")]
    private static partial Regex PlayingSeconds();

    [GeneratedRegex(@"web player on (http://\S+)")]
    private static partial Regex WebReadyLine();
}
