using System.Diagnostics;
using System.Globalization;
using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// A running server of the clean-peers matrix and the URL the harness judges; disposing stops the process by its PID
/// and deletes its media folder. A machine that cannot run it throws <see cref="CleanPeerUnavailableException"/>
/// with the reason (the configuration is then inconclusive, not failed).
/// </summary>
internal sealed class CleanPeerServer : IDisposable
{
    private readonly ServerProcess _process;
    private readonly string _media;
    private readonly CleanPeerServer? _liveServer;

    private CleanPeerServer(ServerProcess process, string media, string path, string livePath, CleanPeerServer? liveServer = null)
    {
        _process = process;
        _media = media;
        _liveServer = liveServer;
        Url = new Uri(process.BaseUrl, path).ToString();
        LiveUrl = liveServer?.Url ?? new Uri(process.BaseUrl, livePath).ToString();
    }

    public string Url { get; }

    /// <summary>A live mount for the live scenarios of a stored target (--live-target).</summary>
    public string LiveUrl { get; }

    public static CleanPeerServer StartGstreamer(string mount, IReadOnlyList<string> geometry, (int Low, int High) rtpPorts)
    {
        // The script serves /h265 only where ffmpeg has libx265: without it the mount would answer 404 to everything.
        if (mount == "h265" && !FfmpegHasEncoder("libx265"))
        {
            throw new CleanPeerUnavailableException("ffmpeg has no libx265 encoder here, so the GStreamer peer has no /h265 mount");
        }

        int middle = ((rtpPorts.Low + rtpPorts.High + 1) / 2) & ~1;
        CleanPeerServer Start(string path, (int Low, int High) ports, CleanPeerServer? liveServer) =>
            StartIn(media => GstRtspServerPeer.Start(HarnessRuns.Root, media, [.. geometry, "--rtp-ports", Range(ports)]), path, "live", liveServer);
        if (mount == "live")
        {
            return Start(mount, rtpPorts, null);
        }

        // A seek on a live GStreamer mount holds the whole server for ~20 s (PEERS.md): the live scenarios get a process
        // of their own, so that stall does not spill into the stored target's scenarios.
        var live = Start("live", (middle, rtpPorts.High), null);
        try
        {
            return Start(mount, (rtpPorts.Low, middle - 1), live);
        }
        catch
        {
            live.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Our reference server passing an H.264 .mp4 through unchanged (<c>--codec copy</c>, issue 13). A server without
    /// that option refuses to start: the configuration says so instead of judging the transcoded MJPEG.
    /// </summary>
    /// <param name="faults">Fault switches to start it with (the H.264 rows of the fault matrix).</param>
    public static CleanPeerServer StartReferenceWithH264((int Low, int High) rtpPorts, IReadOnlyCollection<string>? faults = null) =>
        StartIn(media =>
        {
            // Asked first: on an unknown option the server prints its help, whose text quotes the ready line
            // ("listening on rtsp://HOST:PORT/"), and ServerProcess would take that for the address.
            if (!ReferenceServerHelp().Contains("--codec", StringComparison.Ordinal))
            {
                throw new CleanPeerUnavailableException("this rtsp-ref has no 'serve --codec' option (H.264 pass-through, issue 13) yet");
            }

            MakeH264Clip(Path.Combine(media, "clip.mp4"));
            return ReferenceServer.Start(HarnessRuns.Root, faults ?? [], ["--media", media, "--codec", "copy", "--rtp-ports", Range(rtpPorts)]);
        }, "clip.mp4", "live/pattern");

    public void Dispose()
    {
        _liveServer?.Dispose();
        _process.Dispose();
        Directory.Delete(_media, recursive: true);
    }

    private static CleanPeerServer StartIn(Func<string, ServerProcess> start, string path, string livePath, CleanPeerServer? liveServer = null)
    {
        var media = Directory.CreateTempSubdirectory("clean-peer-").FullName;
        try
        {
            return new CleanPeerServer(start(media), media, path, livePath, liveServer);
        }
        catch (HarnessEnvironmentException e)
        {
            Directory.Delete(media, recursive: true);
            throw new CleanPeerUnavailableException(e.Message, e);
        }
        catch
        {
            Directory.Delete(media, recursive: true);
            throw;
        }
    }

    private static string Range((int Low, int High) ports) => string.Create(CultureInfo.InvariantCulture, $"{ports.Low}-{ports.High}");

    /// <summary>640x360 at 30 fps for 8 s, a key frame a second: nothing like the 640x480, 25 fps, 10 s sample.</summary>
    private static void MakeH264Clip(string path) =>
        RunFfmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-t", "8", "-c:v", "libx264", "-g", "30", "-pix_fmt", "yuv420p", "-y", path]);

    private static string ReferenceServerHelp() =>
        Run("dotnet", [RepositoryLayout.ReferenceServerDll(HarnessRuns.Root), "serve", "--help"], "rtsp-ref serve --help");

    private static bool FfmpegHasEncoder(string name) =>
        RunFfmpeg(["-encoders"]).Split('\n').Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var encoder, ..] && encoder == name);

    private static string RunFfmpeg(IReadOnlyList<string> arguments) =>
        Run("ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", .. arguments], $"ffmpeg {string.Join(' ', arguments)}");

    /// <summary>Runs a tool to its end (60 s at most) and returns its stdout; a tool that fails makes the configuration unavailable.</summary>
    private static string Run(string fileName, IEnumerable<string> arguments, string description)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var tool = Process.Start(info) ?? throw new CleanPeerUnavailableException($"{description} did not start");
        var output = tool.StandardOutput.ReadToEndAsync();
        var error = tool.StandardError.ReadToEndAsync();
        if (!tool.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            tool.Kill(entireProcessTree: true);
            throw new CleanPeerUnavailableException($"{description} did not finish within 60 s");
        }

        if (tool.ExitCode != 0)
        {
            throw new CleanPeerUnavailableException($"{description} failed: {error.Result.Trim()}");
        }

        return output.Result;
    }
}
