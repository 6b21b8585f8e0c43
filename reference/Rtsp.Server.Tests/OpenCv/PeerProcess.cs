using System.Diagnostics;
using System.Text;

namespace Rtsp.Server.Tests.OpenCv;

/// <summary>Runs a process (ffmpeg, rtsp-ref) to completion with a timeout; killed by PID if it overruns.</summary>
public static class PeerProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError, bool TimedOut, TimeSpan Elapsed);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readOut = Pump(process.StandardOutput, stdout);
        var readErr = Pump(process.StandardError, stderr);
        bool timedOut = false;
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var elapsed = watch.Elapsed;
        await Task.WhenAll(readOut, readErr);
        return new Result(process.ExitCode, stdout.ToString(), stderr.ToString(), timedOut, elapsed);
    }

    /// <summary>ffmpeg with `-v error`: stderr holds only errors (decode errors included), the output is framecrc lines.</summary>
    public static Task<Result> FfmpegAsync(TimeSpan timeout, params string[] arguments) =>
        RunAsync("ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", .. arguments], timeout);

    /// <summary>Frames in `-f framecrc -` output (one line per frame; '#' lines are the header).</summary>
    public static int FramecrcFrames(string output) =>
        output.Split('\n').Count(line => line.Length > 0 && !line.StartsWith('#'));

    private static async Task Pump(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
            into.Append(buffer, 0, read);
    }
}
