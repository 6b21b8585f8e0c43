using Rtsp.Soak.Load;
using Rtsp.Soak.Sampling;
using Rtsp.Soak.Verdict;

namespace Rtsp.Soak;

/// <summary>Everything a soak run measured, and its verdict: <see cref="Failures"/> lists every reason it failed.</summary>
public sealed record SoakResult(
    SoakOptions Options,
    DateTime StartedUtc,
    string ServerUrl,
    int ServerPid,
    IReadOnlyList<ResourceSample> Series,
    CycleStatistics Cycles,
    TimeSpan CyclingTime,
    IReadOnlyList<TimeSpan> Drains,
    IReadOnlyList<StreamSummary> Streams,
    GrowthVerdict Growth,
    IReadOnlyList<string> ServerLog,
    IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;

    public double CyclesPerSecond => CyclingTime.TotalSeconds > 0 ? Cycles.Done / CyclingTime.TotalSeconds : 0;
}
