using OpenCvSharp;
using Rtsp.Browser.Tests.Infrastructure;
using Rtsp.Client.Tests.TestSupport;

namespace Rtsp.Client.Tests.Integration;

/// <summary>
/// <c>rtsp-ref play</c> receives H.264 from <c>rtsp-ref serve --codec copy</c> (an .mp4 made by ffmpeg): it counts
/// every access unit, <c>--record</c> writes an Annex B file whose pictures ffmpeg decodes bit-exact to the
/// source file's, and <c>--snapshot</c> saves decoded keyframes as JPEG.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class H264PlayTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private DirectoryInfo _dir = null!;
    private ReferenceServer _server = null!;
    private List<string> _fileChecksums = [];

    [OneTimeSetUp]
    public async Task MakeClipAndStartServerAsync()
    {
        _dir = Directory.CreateTempSubdirectory("rtsp-client-h264-");
        string clip = Path.Combine(_dir.FullName, "clip.mp4");
        // 4 s, 25 fps, a keyframe a second, B-frames (veryfast): 100 access units, 4 keyframes.
        var make = await CommandRun.RunAsync("ffmpeg", ["-hide_banner", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "4",
            "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-y", clip], RunTimeout);
        make.ExitCode.Should().Be(0, make.StandardError);
        _fileChecksums = await ChecksumsAsync(clip);
        _server = await ReferenceServer.StartAsync("--media", _dir.FullName, "--codec", "copy");
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        await _server.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [TestCase("udp")]
    [TestCase("tcp")]
    public async Task Play_counts_records_and_snapshots_every_access_unit(string transport)
    {
        string record = Path.Combine(_dir.FullName, $"out-{transport}.h264");
        string snapshots = Path.Combine(_dir.FullName, $"snapshots-{transport}");

        var run = await CommandRun.RtspRefAsync(RunTimeout, "play", _server.Url + "clip.mp4", "--transport", transport, "--record", record, "--snapshot", snapshots);

        run.ExitCode.Should().Be(0, run.StandardError);
        run.StandardOutput.Should().Contain("summary: frames=100 incomplete=0").And.Contain("recorded=100").And.Contain("snapshots=4")
            .And.Contain("stop=\"stream ended (the server sent RTCP BYE)\"");
        _fileChecksums.Should().HaveCount(100);
        (await ChecksumsAsync(record)).Should().Equal(_fileChecksums, "the recording holds the same pictures as the file");
        var pictures = Directory.GetFiles(snapshots, "frame-*.jpg").Order().ToList();
        pictures.Select(Path.GetFileName).Should().Equal("frame-000001.jpg", "frame-000026.jpg", "frame-000051.jpg", "frame-000076.jpg");
        pictures.Should().OnlyContain(p => IsPicture(p, 320, 240));
    }

    private static bool IsPicture(string file, int width, int height)
    {
        using var image = Cv2.ImRead(file);
        return !image.Empty() && image.Width == width && image.Height == height;
    }

    private static async Task<List<string>> ChecksumsAsync(string file)
    {
        var run = await CommandRun.RunAsync("ffmpeg", ["-hide_banner", "-v", "error", "-i", file, "-fps_mode", "passthrough", "-f", "framecrc", "-"], RunTimeout);
        run.StandardError.Should().BeEmpty();
        return [.. run.StandardOutput.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(',')[^1].Trim())];
    }
}
