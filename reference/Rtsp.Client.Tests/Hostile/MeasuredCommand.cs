using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Rtsp.Client.Tests.Hostile;

/// <summary>
/// Runs <c>dotnet rtsp-ref.dll ARGS</c> to its end within a timeout (killed by its PID when it overruns), keeping its
/// output, exit code, run time and peak resident memory (VmHWM from /proc/PID/status, read every 20 ms until exit).
/// </summary>
public sealed record MeasuredCommand(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed, long PeakRssBytes)
{
    public double PeakRssMiB => PeakRssBytes / (1024.0 * 1024.0);

    public static async Task<MeasuredCommand> RtspRefAsync(TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Rtsp.Browser.Tests.Infrastructure.RepositoryPaths.RtspRefDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peak = 0;
        try
        {
            var exited = process.WaitForExitAsync();
            var deadline = clock.Elapsed + timeout;
            while (!exited.IsCompleted)
            {
                if (clock.Elapsed > deadline)
                {
                    throw new TimeoutException($"rtsp-ref {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s.\nstdout:\n{output}\nstderr:\n{error}");
                }

                peak = Math.Max(peak, HighWaterMark(process.Id));
                await Task.WhenAny(exited, Task.Delay(20));
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        return new MeasuredCommand(process.ExitCode, output.ToString(), error.ToString(), clock.Elapsed, peak);
    }

    /// <summary>VmHWM (peak resident set) of a process in bytes; 0 once it is gone.</summary>
    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
