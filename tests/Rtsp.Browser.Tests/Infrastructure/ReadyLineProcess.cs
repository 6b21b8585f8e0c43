using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Rtsp.Browser.Tests.Infrastructure;

/// <summary>
/// A child process that announces it is ready with one stdout line (e.g. <c>listening on rtsp://127.0.0.1:PORT/</c>
/// or <c>web player on http://127.0.0.1:PORT/</c>). Start waits for that line within a timeout and returns the
/// first capture group; all output is kept for failure messages. Dispose kills the process tree by its PID.
/// </summary>
public sealed partial class ReadyLineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ReadyLineProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved as received.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<(ReadyLineProcess Process, string Ready)> StartAsync(string fileName, IEnumerable<string> arguments, Regex ready, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var wrapper = new ReadyLineProcess(process);
        var readyValue = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            wrapper._output.Enqueue(e.Data);
            if (ready.Match(e.Data) is { Success: true } match)
            {
                readyValue.TrySetResult(match.Groups.Count > 1 ? match.Groups[1].Value : match.Value);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                wrapper._output.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => readyValue.TrySetException(new InvalidOperationException($"{fileName} exited before it was ready."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var value = await readyValue.Task.WaitAsync(timeout);
            return (wrapper, value);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await wrapper.DisposeAsync();
            throw new InvalidOperationException($"{fileName} {string.Join(' ', info.ArgumentList)} did not print its ready line within {timeout.TotalSeconds} s ({e.Message}). Output:\n{wrapper.Output}", e);
        }
    }

    /// <summary>Sends SIGTERM (what Ctrl+C or a service manager does), so the process can shut down cleanly;
    /// <see cref="Process.Kill()"/> would be SIGKILL.</summary>
    public void Terminate()
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(5000);
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to exit by itself; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (TimeoutException)
        {
            // Killed but not reaped in time; the OS finishes it.
        }

        _process.Dispose();
    }
}
