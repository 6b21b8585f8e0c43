using System.Diagnostics;
using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// Reference servers whose presentation comes through OpenCV: <c>--capture feed=FIFO</c> with ffmpeg writing its
/// <c>testsrc</c> into the FIFO in real time (a live path, /live/feed), and an H.264 .mp4 made by ffmpeg that the
/// server transcodes to RFC 2435 JPEG (a stored path, /clip.mp4). 160x120 keeps decoding and re-encoding cheap on 2
/// shared cores; the clip is 10 s at 25 fps because the catalogue's end-of-media scenarios are written for that.
/// Each server is its own process (a harness run's capture filter takes every connection to its target's port, so
/// runs at once need servers of their own). Dispose stops every process it started, by PID, and deletes its files.
/// </summary>
internal sealed class OpenCvTargets : IDisposable
{
    public const string LivePath = "live/feed";
    public const string FilePath = "clip.mp4";

    private readonly string folder = Directory.CreateTempSubdirectory("opencv-targets-").FullName;
    private readonly List<Process> feeds = [];
    private readonly List<ServerProcess> servers = [];

    public OpenCvTargets()
    {
        Directory.CreateDirectory(MediaFolder);
    }

    private string MediaFolder => Path.Combine(folder, "media");

    /// <summary>Writes the 10 s H.264 clip the file servers serve.</summary>
    public void MakeClip()
    {
        using var ffmpeg = StartFfmpeg(["-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-t", "10",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-y", Path.Combine(MediaFolder, FilePath)]);
        if (!ffmpeg.WaitForExit(TimeSpan.FromSeconds(60)) || ffmpeg.ExitCode != 0)
        {
            ffmpeg.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"ffmpeg could not make the clip: {ffmpeg.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>A server with the transcoded clip; returns its /clip.mp4 URL.</summary>
    public string StartFileServer() => Start([], FilePath);

    /// <summary>A server with a FIFO fed live by ffmpeg at /live/feed; returns its URL.</summary>
    public string StartLiveServer()
    {
        var fifo = Path.Combine(folder, $"feed-{feeds.Count}.mjpeg");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit(TimeSpan.FromSeconds(10));
            if (mkfifo.ExitCode != 0)
            {
                throw new IOException($"mkfifo {fifo} failed");
            }
        }

        // -re: real time, as a camera delivers; ffmpeg blocks opening the FIFO until the server opens it to read.
        var feed = StartFfmpeg(["-re", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-c:v", "mjpeg", "-q:v", "5", "-f", "mjpeg", "-y", fifo]);
        feeds.Add(feed);
        RaisePriority(feed);

        return Start(["--capture", "feed=" + fifo], LivePath);
    }

    public void Dispose()
    {
        foreach (var server in servers)
        {
            server.Dispose();
        }

        foreach (var feed in feeds)
        {
            if (!feed.HasExited)
            {
                feed.Kill(entireProcessTree: true);
                feed.WaitForExit(TimeSpan.FromSeconds(10));
            }

            feed.Dispose();
        }

        Directory.Delete(folder, recursive: true);
    }

    private string Start(IEnumerable<string> arguments, string path)
    {
        var server = ReferenceServer.Start(HarnessRuns.Root, [], ["--media", MediaFolder, .. arguments]);
        servers.Add(server);
        using (var process = Process.GetProcessById(server.ProcessId))
        {
            RaisePriority(process);
        }

        return new Uri(server.BaseUrl, path).ToString();
    }

    /// <summary>
    /// The feeds stand in for cameras, which deliver on time whatever the machine's load, and the servers stand in
    /// for a server that has its machine. On 2 cores shared with unrelated jobs (load average 40-50 measured while this
    /// test was written), at normal priority the feed or the server's capture thread got no CPU for 0.3-0.6 s at a
    /// time: a live path then has no frames to send, and the frame counts failed for the neighbours' sake. The
    /// harness that measures keeps normal priority. Linux keeps a nice value per thread (setpriority on a PID moves
    /// only that thread), so `renice` gets every thread the process has; threads started later inherit it. Without
    /// the right to raise it (not root) the test says so and goes on.
    /// </summary>
    private static void RaisePriority(Process process)
    {
        string tasks = $"/proc/{process.Id}/task";
        var threads = Directory.Exists(tasks) ? Directory.GetDirectories(tasks).Select(Path.GetFileName).OfType<string>().ToList() : [];
        var info = new ProcessStartInfo("renice") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-n", "-10", "-p", .. threads])
        {
            info.ArgumentList.Add(argument);
        }

        using var renice = Process.Start(info) ?? throw new InvalidOperationException("renice did not start");
        string error = renice.StandardError.ReadToEnd();
        renice.StandardOutput.ReadToEnd();
        if (threads.Count == 0 || !renice.WaitForExit(TimeSpan.FromSeconds(10)) || renice.ExitCode != 0)
        {
            TestContext.Out.WriteLine($"{process.ProcessName} {process.Id} keeps normal priority ({error.Trim()}): live frame counts may suffer on a loaded machine");
        }
    }

    private static Process StartFfmpeg(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-v", "error", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
    }
}
