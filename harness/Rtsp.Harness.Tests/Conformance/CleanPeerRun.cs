using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// What the catalogue found on one clean-peers configuration: its report (null when the configuration could not run,
/// with <paramref name="Unavailable"/> or <paramref name="Crash"/> saying why), its MUST failures split into listed
/// deviations and the rest, and the listed deviations that did not occur.
/// </summary>
internal sealed record CleanPeerRun(CleanPeer Peer, RunReport? Report, string? Unavailable, Exception? Crash, TimeSpan Elapsed)
{
    /// <summary>The deviations that excuse a failure (the table, unless a test gives its own).</summary>
    public IReadOnlyList<CleanPeerDeviation> Deviations { get; init; } = [.. CleanPeerDeviations.All, .. CleanPeerHarnessGaps.All];

    public IReadOnlyList<CleanPeerFailure> MustFailures => Report is null
        ? []
        : Report.Scenarios.SelectMany(s => s.Analysis.Results
                .Where(r => r.Verdict == Verdict.Fail && r.Check.Level == CheckLevel.Must)
                .Select(r => new CleanPeerFailure(s, r, Deviations.FirstOrDefault(d => d.Matches(Peer, s, r)))))
            .ToList();

    public IEnumerable<CleanPeerFailure> Unlisted => MustFailures.Where(f => f.Deviation is null);

    public IEnumerable<string> Errors => Report is null ? [] : HarnessRuns.Errors(Report);

    /// <summary>Listed deviations of this configuration that did not occur as a MUST failure (trim the list, or the check is
    /// below the level of its sentence).</summary>
    public IEnumerable<CleanPeerDeviation> Stale =>
        Deviations.Where(d => d.AppliesTo(Peer) && !MustFailures.Any(f => f.Deviation == d));

    /// <summary>The peer stopped accepting connections during the run (GStreamer has died in status-457-invalid-range
    /// once in several runs): the scenarios after it could not be judged.</summary>
    public bool PeerDied => Errors.Any(e => e.Contains("Connection refused", StringComparison.Ordinal));
}

/// <summary>One failed MUST check of one scenario run, and the listed deviation that explains it (or null).</summary>
internal sealed record CleanPeerFailure(ScenarioRun Run, CheckResult Result, CleanPeerDeviation? Deviation)
{
    /// <summary>"scenario (transport): check [MUST] first line of the evidence".</summary>
    public override string ToString() =>
        $"{Run.Scenario} ({Run.Transport}): {Result.Check.Id} [{Result.Check.Level}] {Result.Evidence.Split('\n')[0].Trim()}";
}
