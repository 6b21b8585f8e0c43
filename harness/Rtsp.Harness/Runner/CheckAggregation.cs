using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Runner;

/// <summary>
/// One verdict per check per scenario run, from every observation of it (the analyzers', each step's): the report and
/// JUnit have one line per check. A failure anywhere fails the check; its evidence lists the failures.
/// </summary>
public static class CheckAggregation
{
    private static readonly Verdict[] Precedence = [Verdict.Fail, Verdict.Pass, Verdict.NotSupported, Verdict.Info, Verdict.NotApplicable];

    public static IReadOnlyList<CheckResult> Merge(IEnumerable<CheckResult> results) =>
        results.GroupBy(r => r.Check.Id, StringComparer.Ordinal)
            .Select(MergeOne)
            .OrderBy(r => Array.IndexOf(Precedence, r.Verdict))
            .ThenBy(r => r.Check.Id, StringComparer.Ordinal)
            .ToList();

    private static CheckResult MergeOne(IGrouping<string, CheckResult> group)
    {
        var all = group.ToList();
        if (all.Count == 1)
        {
            return all[0];
        }

        var verdict = Precedence.First(v => all.Any(r => r.Verdict == v));
        var chosen = all.Where(r => r.Verdict == verdict).ToList();
        var evidence = chosen.Count == 1 ? chosen[0].Evidence : string.Join(" | ", chosen.Select(r => r.Evidence).Distinct().Take(4));
        var packets = chosen.Where(r => r.PacketNumbers is not null).SelectMany(r => r.PacketNumbers!).Distinct().Take(50).ToList();
        var metrics = new Dictionary<string, double>();
        foreach (var r in chosen.Where(r => r.Metrics is not null))
        {
            foreach (var (k, v) in r.Metrics!)
            {
                metrics.TryAdd(k, v);
            }
        }

        return new CheckResult(chosen[0].Check, verdict, evidence, packets.Count > 0 ? packets : null, metrics.Count > 0 ? metrics : null);
    }
}
