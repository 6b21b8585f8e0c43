using System.Text.RegularExpressions;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Interop;

/// <summary>ffmpeg (PEERS.md) decodes what the server sends: every frame, no error line.</summary>
[Category("Interop")]
[Parallelizable(ParallelScope.Children)]
public partial class FfmpegInteropTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [OneTimeSetUp]
    public void RequireFfmpeg()
    {
        if (!ExternalProcess.IsInstalled("ffmpeg"))
            Assert.Fail("ffmpeg is not installed: run scripts/install-deps.sh peers");
    }

    [TestCase("udp")]
    [TestCase("tcp")]
    public async Task Ffmpeg_decodes_all_250_frames_of_the_sample_without_errors(string transport)
    {
        var server = await SharedServer.GetAsync();
        var (frames, errors, stats) = await Decode(["-rtsp_transport", transport, "-i", server.Url("sample.mjpeg")]);
        errors.Should().BeEmpty();
        frames.Should().Be(250, stats);
    }

    [Test]
    public async Task Ffmpeg_seek_to_5_s_gets_the_second_half_only()
    {
        var server = await SharedServer.GetAsync();
        var (frames, errors, _) = await Decode(["-ss", "5", "-rtsp_transport", "udp", "-i", server.Url("sample.mjpeg")]);
        errors.Should().BeEmpty();
        frames.Should().BeInRange(120, 130);
    }

    [Test]
    public async Task Ffmpeg_plays_the_live_pattern()
    {
        var server = await SharedServer.GetAsync();
        var (frames, errors, _) = await Decode(["-rtsp_transport", "udp", "-i", server.Url("live/pattern"), "-t", "3"]);
        errors.Should().BeEmpty();
        frames.Should().BeInRange(45, 90, "3 s of a live source; fewer when a loaded machine starves its producer");
    }

    /// <summary>
    /// Runs `ffmpeg -v error -stats ... -fps_mode passthrough -f null -`: the last frame= count, and every line that is
    /// not progress. Passthrough counts every decoded frame: the default constant-rate output may drop a frame whose
    /// presentation time (derived from RTCP SR timing on a loaded machine) lands in the same output slot as its neighbour.
    /// </summary>
    private static async Task<(int Frames, List<string> Errors, string LastProgress)> Decode(string[] input)
    {
        var result = await ExternalProcess.RunAsync("ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", "-stats", .. input, "-fps_mode", "passthrough", "-f", "null", "-"], Timeout);
        result.TimedOut.Should().BeFalse("ffmpeg ends at the BYE after the last frame");
        result.ExitCode.Should().Be(0, result.StandardError);
        var lines = result.StandardError.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var progress = lines.Where(l => l.StartsWith("frame=", StringComparison.Ordinal)).ToList();
        progress.Should().NotBeEmpty(result.StandardError);
        int frames = int.Parse(FrameCount().Match(progress[^1]).Groups[1].Value);
        return (frames, lines.Where(l => !l.StartsWith("frame=", StringComparison.Ordinal)).ToList(), progress[^1]);
    }

    [GeneratedRegex(@"frame=\s*(\d+)")]
    private static partial Regex FrameCount();
}
