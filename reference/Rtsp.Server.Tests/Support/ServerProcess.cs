using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Rtsp.Server.Tests.Support;

/// <summary>
/// A real `rtsp-ref serve --port 0` process: started with the built rtsp-ref.dll, ready when it prints its
/// listening line, killed by PID when disposed. Its stderr is kept for failure messages.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        var uri = new Uri(baseUrl);
        Port = uri.Port;
    }

    /// <summary>rtsp://127.0.0.1:PORT/</summary>
    public string BaseUrl { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    public string StandardError
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public string Url(string path) => BaseUrl + path;

    /// <summary>The rtsp-ref.dll built next to this test assembly (the project references rtsp-ref).</summary>
    public static string DllPath
    {
        get
        {
            string local = Path.Combine(AppContext.BaseDirectory, "rtsp-ref.dll");
            if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "rtsp-ref.runtimeconfig.json")))
                return local;
            // Fallback: the rtsp-ref project's own output for the same configuration.
            string config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../rtsp-ref/bin", config, "net10.0/rtsp-ref.dll"));
        }
    }

    public static async Task<ServerProcess> StartAsync(params string[] serveArguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add("0");
        foreach (var argument in serveArguments)
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (stderr)
                stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            while (true)
            {
                string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    await process.WaitForExitAsync(timeout.Token);
                    string errors;
                    lock (stderr)
                        errors = stderr.ToString();
                    throw new InvalidOperationException($"rtsp-ref serve exited ({process.ExitCode}) before listening: {errors}");
                }
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    var server = new ServerProcess(process, match.Groups[1].Value);
                    lock (stderr)
                        server._stderr.Append(stderr);
                    process.ErrorDataReceived += (_, e) =>
                    {
                        if (e.Data is null)
                            return;
                        lock (server._stderr)
                            server._stderr.AppendLine(e.Data);
                    };
                    _ = DrainStdout(process);
                    return server;
                }
            }
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (SendSignal(_process.Id, 15) != 0)
            throw new InvalidOperationException("kill(SIGTERM) failed");
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static async Task DrainStdout(Process process)
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is not null)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    [GeneratedRegex(@"listening on (rtsp://\S+)")]
    private static partial Regex ListeningLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
