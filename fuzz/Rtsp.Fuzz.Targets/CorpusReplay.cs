using System.Diagnostics;

namespace Rtsp.Fuzz.Targets;

/// <summary>
/// Runs committed corpus files through their targets outside afl-fuzz, for the corpus-replay tests: what a target
/// did with one file, within the same 1 s bound afl-fuzz applies (-t 1000).
/// </summary>
public static class CorpusReplay
{
    public static readonly TimeSpan HangBound = TimeSpan.FromSeconds(1);

    /// <summary>Every (target, file name) pair under <paramref name="corpusRoot"/>/TARGET/, in a stable order.</summary>
    public static IEnumerable<(FuzzTarget Target, string FileName)> Files(IEnumerable<FuzzTarget> targets, string corpusRoot) =>
        from target in targets
        let folder = Path.Combine(corpusRoot, target.Name)
        where Directory.Exists(folder)
        from file in Directory.GetFiles(folder).Order(StringComparer.Ordinal)
        select (target, Path.GetFileName(file));

    /// <summary>Runs <paramref name="target"/> on <paramref name="input"/> on another thread, after a warm-up on an
    /// empty input so the bound measures the parser and not the JIT. Waits up to five times the bound so a hang is
    /// reported as such instead of blocking the test run.</summary>
    public static (bool Finished, Exception? Error, TimeSpan Elapsed) Run(FuzzTarget target, byte[] input)
    {
        target.Run([]);
        var stopwatch = Stopwatch.StartNew();
        var run = Task.Run(() => target.Run(input));
        var finished = run.Wait(5 * HangBound) || run.IsCompleted;
        stopwatch.Stop();
        return (finished, run.Exception?.InnerException, stopwatch.Elapsed);
    }
}
