using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Rtsp.Harness.Targets;

/// <summary>
/// An RTSP server run as a child process (the reference server, the GStreamer peer): started, considered ready when it
/// prints <c>listening on rtsp://HOST:PORT/</c>, and stopped by its PID (with its children) on dispose. The harness
/// talks to it only over the network, exactly as it would to anyone else's server.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private const int StderrLinesKept = 40;

    private readonly Process process;
    private readonly Queue<string> stderrTail = new();
    private readonly TaskCompletionSource<string> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, string description)
    {
        this.process = process;
        Description = description;
    }

    public string Description { get; }

    public int ProcessId => process.Id;

    /// <summary>The base URL it announced, e.g. rtsp://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; private set; } = new("rtsp://127.0.0.1/");

    public string StderrTail
    {
        get
        {
            lock (stderrTail)
            {
                return string.Join(Environment.NewLine, stderrTail);
            }
        }
    }

    public static ServerProcess Start(string fileName, IEnumerable<string> arguments, TimeSpan readyTimeout, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var description = $"{fileName} {string.Join(' ', info.ArgumentList)}";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new HarnessEnvironmentException($"could not start {description}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new HarnessEnvironmentException($"could not start {description}: {e.Message}", e);
        }

        var server = new ServerProcess(process, description);
        process.OutputDataReceived += (_, e) => server.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnStderr(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var announced = server.ready.Task.Wait(readyTimeout) ? server.ready.Task.Result : null;
            if (announced is null)
            {
                throw new HarnessEnvironmentException(
                    $"{description} did not print 'listening on rtsp://...' within {readyTimeout.TotalSeconds:0} s{server.StderrSuffix()}");
            }

            server.BaseUrl = new Uri(announced);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private string StderrSuffix() => StderrTail is { Length: > 0 } tail ? $"; its stderr ends with:{Environment.NewLine}{tail}" : string.Empty;

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            ready.TrySetResult(null!);
            return;
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            ready.TrySetResult(match.Groups[1].Value);
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (stderrTail)
        {
            stderrTail.Enqueue(line);
            while (stderrTail.Count > StderrLinesKept)
            {
                stderrTail.Dequeue();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                // SIGTERM first so the server can send RTCP BYE and release ports; then by force.
                using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    term?.WaitForExit(2000);
                }

                if (!process.WaitForExit(3000))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(3000);
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    [GeneratedRegex(@"listening on (rtsp://\S+)")]
    private static partial Regex ListeningLine();
}
