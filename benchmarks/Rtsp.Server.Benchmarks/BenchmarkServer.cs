using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Rtsp.Server.Benchmarks;

/// <summary>A real `rtsp-ref serve` process on a free port (logging at Warning), and its CPU time.</summary>
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

    /// <summary>Starts the server with <paramref name="options"/> after `serve --port 0 --log-level Warning`; its stderr is echoed.</summary>
    public static async Task<BenchmarkServer> StartAsync(params string[] options)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "rtsp-ref.dll"), "serve", "--port", "0", "--log-level", "Warning" }.Concat(options))
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
        throw new InvalidOperationException("rtsp-ref serve exited before listening");
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
