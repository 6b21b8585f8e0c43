using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Rtsp.Server.Benchmarks;

/// <summary>A real RTSP server process on a free port — `rtsp-ref serve` (logging at Warning) or GStreamer's RTSP
/// server (scripts/peers/gst_rtsp_server.py) — and its CPU time and resident memory read from /proc.</summary>
internal sealed partial class BenchmarkServer(Process process, string url) : IAsyncDisposable
{
    public string Url { get; } = url;

    public int Port { get; } = new Uri(url).Port;

    /// <summary>user + system CPU seconds of the server process (/proc/PID/stat, clock ticks of 1/100 s).</summary>
    public double CpuSeconds()
    {
        var fields = File.ReadAllText($"/proc/{process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Resident set size in MiB (/proc/PID/status VmRSS).</summary>
    public double RssMegabytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>Starts the server with <paramref name="options"/> after `serve --port 0 --log-level Warning`; its stderr is echoed.</summary>
    public static Task<BenchmarkServer> StartAsync(params string[] options) =>
        StartAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "rtsp-ref.dll"), "serve", "--port", "0", "--log-level", "Warning", .. options]);

    /// <summary>
    /// GStreamer's RTSP server (gst-rtsp-server, the interop peer of PEERS.md) with its /avi mount: a 640x480 25 fps
    /// MJPEG AVI, one pipeline per client. Run with Debian's python3, which has the `gi` bindings.
    /// </summary>
    public static Task<BenchmarkServer> StartGStreamerAsync(string mediaDirectory) =>
        StartAsync("/usr/bin/python3", [Path.Combine(RepositoryRoot(), "scripts", "peers", "gst_rtsp_server.py"), "--media-dir", mediaDirectory]);

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "scripts", "peers", "gst_rtsp_server.py")))
                    return directory.FullName;
            }
        }
        throw new InvalidOperationException($"scripts/peers/gst_rtsp_server.py not found above {AppContext.BaseDirectory} or the current directory");
    }

    private static async Task<BenchmarkServer> StartAsync(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                Console.Error.WriteLine("  server: " + e.Data);
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = Listening().Match(line);
            if (match.Success)
                return new BenchmarkServer(process, match.Groups[1].Value);
        }
        throw new InvalidOperationException($"{program} exited before listening");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    [GeneratedRegex(@"listening on (rtsp://\S+)")]
    private static partial Regex Listening();
}
