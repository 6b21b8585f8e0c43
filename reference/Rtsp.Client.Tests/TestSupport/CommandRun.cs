using System.Diagnostics;
using System.Text;

namespace Rtsp.Client.Tests.TestSupport;

/// <summary>Runs a command to its end within a timeout (killed by its PID when it overruns) and keeps its output.</summary>
public sealed record CommandRun(int ExitCode, string StandardOutput, string StandardError)
{
    public static async Task<CommandRun> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish within {timeout.TotalSeconds} s.\nstdout:\n{output}\nstderr:\n{error}");
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        return new CommandRun(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>dotnet rtsp-ref.dll ARGS</c>.</summary>
    public static Task<CommandRun> RtspRefAsync(TimeSpan timeout, params string[] arguments)
        => RunAsync("dotnet", [Rtsp.Browser.Tests.Infrastructure.RepositoryPaths.RtspRefDll, .. arguments], timeout);
}
