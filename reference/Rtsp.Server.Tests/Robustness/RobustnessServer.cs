using Rtsp.Media.Pattern;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// One rtsp-ref process for every robustness test, with 20 healthy sessions opened before any test runs. The
/// attacks go to this server and no other test's, so the healthy sessions measure only their collateral damage.
/// The healthy sessions play a 3-minute stored clip, not the live pattern: a live source renders each frame as it
/// is due, and on 2 starved cores it skips frames that were never made; a stored clip is read from disk, so every
/// missing frame is the server's doing. Logs at Warning: thousands of split-request connections would otherwise
/// spend the cores on log lines.
/// </summary>
[SetUpFixture]
public sealed class RobustnessServer
{
    private const int ClipSeconds = 180;
    private const int DistinctFrames = 50;

    private static ServerProcess? _server;
    private static HealthySessions? _healthy;
    private static string? _mediaDirectory;

    public static ServerProcess Server => _server ?? throw new InvalidOperationException("the robustness server is not running");

    public static HealthySessions Healthy => _healthy ?? throw new InvalidOperationException("the healthy sessions are not open");

    /// <summary>The 10 s built-in clip (a Range past its end is 457).</summary>
    public static string Sample => Server.Url("sample.mjpeg/");

    public static string SampleTrack => Sample + "stream=0";

    [OneTimeSetUp]
    public async Task Start()
    {
        _mediaDirectory = Directory.CreateTempSubdirectory("rtsp-robustness-").FullName;
        await WriteClipAsync(Path.Combine(_mediaDirectory, "healthy.mjpeg"));
        _server = await ServerProcess.StartAsync("--log-level", "Warning", "--media", _mediaDirectory);
        _healthy = await HealthySessions.OpenAsync(_server.Port, _server.Url("healthy.mjpeg/"));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_healthy is not null)
        {
            await TestContext.Progress.WriteLineAsync("robustness run, " + _healthy.Check(_healthy.StartMark));
            await _healthy.DisposeAsync();
        }
        if (_server is not null)
            await _server.DisposeAsync();
        if (_mediaDirectory is not null)
            Directory.Delete(_mediaDirectory, recursive: true);
        _healthy = null;
        _server = null;
        _mediaDirectory = null;
    }

    /// <summary>The test pattern at 640x480 (about 9 RTP packets a frame): 50 distinct frames repeated for 3 minutes.</summary>
    private static async Task WriteClipAsync(string path)
    {
        var renderer = new PatternRenderer(640, 480, HealthySessions.FrameRate);
        var frames = new byte[DistinctFrames][];
        Parallel.For(0, DistinctFrames, i => frames[i] = renderer.RenderJpeg((uint)i));
        await using var file = File.Create(path);
        for (int i = 0; i < ClipSeconds * HealthySessions.FrameRate; i++)
            await file.WriteAsync(frames[i % DistinctFrames]);
    }
}
