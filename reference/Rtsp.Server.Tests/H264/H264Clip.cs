using Rtsp.Server.Tests.OpenCv;

namespace Rtsp.Server.Tests.H264;

/// <summary>
/// The H.264 test media, made by ffmpeg (libx264) into a temp dir and deleted after: clip.mp4 is 4 s of
/// testsrc2 at 320x240, 25 fps, a keyframe every 25 frames (npt 0, 1, 2, 3) and B-frames (preset veryfast), so
/// presentation order differs from decoding order; its keyframes (~5 KB) need FU-A at a 1400-byte MTU.
/// </summary>
public sealed class H264Clip : IDisposable
{
    public const string Name = "clip.mp4";
    public const int Frames = 100;
    public const int KeyframeInterval = 25;
    public const int TimestampStep = 3600;

    private H264Clip(string directory) => Directory = directory;

    public string Directory { get; }

    public string File => Path.Combine(Directory, Name);

    public static async Task<H264Clip> MakeAsync()
    {
        var clip = new H264Clip(System.IO.Directory.CreateTempSubdirectory("rtsp-ref-h264-").FullName);
        await clip.AddAsync(Name, "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "4",
            "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-pix_fmt", "yuv420p");
        return clip;
    }

    /// <summary>Another file in the same directory, made by ffmpeg with <paramref name="arguments"/> before the output name.</summary>
    public async Task AddAsync(string name, params string[] arguments)
    {
        var run = await Ffmpeg.RunAsync(TimeSpan.FromSeconds(60), [.. arguments, "-y", Path.Combine(Directory, name)]);
        if (run.ExitCode != 0)
            Assert.Fail($"ffmpeg could not make {name}: {run.StandardError}");
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
