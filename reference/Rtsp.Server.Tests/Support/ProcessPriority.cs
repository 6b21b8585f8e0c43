using System.Diagnostics;

namespace Rtsp.Server.Tests.Support;

/// <summary>
/// Raises a process above the neighbours' jobs on a shared machine: `renice -n -10` on every thread it has (Linux keeps
/// a nice value per thread and setpriority on a PID moves only that thread; threads started later inherit their
/// creator's). Needs root (or CAP_SYS_NICE); without it the caller is told why and the process stays as it was.
/// </summary>
public static class ProcessPriority
{
    /// <summary>Null when raised, else why not.</summary>
    public static string? Raise(int pid)
    {
        string tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
            return $"{tasks} does not exist";
        var info = new ProcessStartInfo("renice") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-n", "-10", "-p", .. Directory.GetDirectories(tasks).Select(Path.GetFileName).OfType<string>()])
            info.ArgumentList.Add(argument);
        using var renice = Process.Start(info) ?? throw new InvalidOperationException("renice did not start");
        string error = renice.StandardError.ReadToEnd();
        renice.StandardOutput.ReadToEnd();
        return renice.WaitForExit(TimeSpan.FromSeconds(10)) && renice.ExitCode == 0 ? null : $"renice failed: {error.Trim()}";
    }
}
