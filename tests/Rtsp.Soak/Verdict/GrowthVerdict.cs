using Rtsp.Soak.Sampling;

namespace Rtsp.Soak.Verdict;

/// <summary>
/// Did the server's resources grow? Compares the median of the <see cref="SoakPhase.End"/> samples with the median
/// of the <see cref="SoakPhase.Baseline"/> samples, resource by resource, within <see cref="GrowthLimits"/>.
/// Medians of quiet windows make it robust to a noisy machine (one sample taken mid-GC or mid-stall does not
/// decide); comparing quiet to quiet makes it strict (nothing in flight in either). It cannot pass on nothing:
/// windows with too few samples, or no sample while cycling, fail. File descriptors are counted without those of
/// loaded code (<see cref="ResourceSample.FileDescriptorsWithoutCode"/>).
/// </summary>
public sealed class GrowthVerdict
{
    private GrowthVerdict(IReadOnlyList<GrowthCheck> checks, IReadOnlyList<string> failures, double? rssSlopeMiBPerMinute)
    {
        Checks = checks;
        Failures = failures;
        RssSlopeMiBPerMinute = rssSlopeMiBPerMinute;
    }

    public IReadOnlyList<GrowthCheck> Checks { get; }

    /// <summary>Why the verdict failed, one line each; empty when it passed.</summary>
    public IReadOnlyList<string> Failures { get; }

    public bool Passed => Failures.Count == 0;

    /// <summary>Least-squares slope of RSS over the second half of the cycling phase (for the report; a GC'd heap
    /// grows in steps between collections, so this is a figure, not a pass/fail bound).</summary>
    public double? RssSlopeMiBPerMinute { get; }

    public static GrowthVerdict Judge(IReadOnlyList<ResourceSample> series, GrowthLimits? limits = null)
    {
        limits ??= GrowthLimits.Default;
        var baseline = series.Where(s => s.Phase == SoakPhase.Baseline).ToList();
        var end = series.Where(s => s.Phase == SoakPhase.End).ToList();
        var cycling = series.Where(s => s.Phase == SoakPhase.Cycles).ToList();
        var failures = new List<string>();
        if (baseline.Count < limits.MinimumWindowSamples)
            failures.Add($"the baseline window has {baseline.Count} samples (at least {limits.MinimumWindowSamples} needed): nothing to compare with");
        if (end.Count < limits.MinimumWindowSamples)
            failures.Add($"the end window has {end.Count} samples (at least {limits.MinimumWindowSamples} needed): nothing to compare");
        if (cycling.Count == 0)
            failures.Add("no sample was taken while cycling: the run did not soak anything");
        if (failures.Count > 0)
            return new GrowthVerdict([], failures, null);

        var checks = new List<GrowthCheck>
        {
            Check("file descriptors", "", series[0], baseline, end, cycling, s => s.FileDescriptorsWithoutCode, b => b + limits.FileDescriptors),
            Check("UDP sockets", "", series[0], baseline, end, cycling, s => s.UdpSockets, b => b + limits.UdpSockets),
            Check("threads", "", series[0], baseline, end, cycling, s => s.Threads, b => b + Math.Max(limits.ThreadsAbsolute, Math.Ceiling(b * limits.ThreadsFraction))),
            Check("RSS", "MiB", series[0], baseline, end, cycling, s => s.RssKiB / 1024.0, b => b * (1 + limits.RssFraction)),
        };
        failures.AddRange(checks.Where(c => !c.Passed).Select(c => "grew: " + c.Describe()
            + (c.Resource == "file descriptors" ? $" — by kind, last baseline sample to last end sample: {KindsGrowth(baseline[^1], end[^1])}" : "")));
        return new GrowthVerdict(checks, failures, SlopePerMinute(cycling.Skip(cycling.Count / 2).ToList()));
    }

    private static GrowthCheck Check(string resource, string unit, ResourceSample first, List<ResourceSample> baseline, List<ResourceSample> end,
        List<ResourceSample> cycling, Func<ResourceSample, double> value, Func<double, double> allowed)
    {
        double b = Median(baseline.Select(value));
        return new GrowthCheck(resource, unit, value(first), b, Median(end.Select(value)), cycling.Max(value), allowed(b));
    }

    /// <summary>"TCP socket +7, anon_inode:[eventfd] +2": the descriptor kinds whose count changed.</summary>
    internal static string KindsGrowth(ResourceSample from, ResourceSample to)
    {
        var changes = from.FileDescriptorKinds.Keys.Union(to.FileDescriptorKinds.Keys)
            .Select(kind => (Kind: kind, Delta: to.FileDescriptorKinds.GetValueOrDefault(kind) - from.FileDescriptorKinds.GetValueOrDefault(kind)))
            .Where(c => c.Delta != 0)
            .OrderByDescending(c => c.Delta)
            .Select(c => $"{c.Kind} {c.Delta:+0;-0}")
            .ToList();
        return changes.Count == 0 ? "no kind changed" : string.Join(", ", changes);
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double? SlopePerMinute(List<ResourceSample> samples)
    {
        if (samples.Count < 3)
            return null;
        double meanT = samples.Average(s => s.Elapsed.TotalMinutes), meanR = samples.Average(s => s.RssKiB / 1024.0);
        double covariance = samples.Sum(s => (s.Elapsed.TotalMinutes - meanT) * (s.RssKiB / 1024.0 - meanR));
        double variance = samples.Sum(s => Math.Pow(s.Elapsed.TotalMinutes - meanT, 2));
        return variance == 0 ? null : covariance / variance;
    }
}
