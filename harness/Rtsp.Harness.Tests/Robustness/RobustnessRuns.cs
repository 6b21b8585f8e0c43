using FluentAssertions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Tests.Conformance;

namespace Rtsp.Harness.Tests.Robustness;

/// <summary>Runs of the robustness family (scenarios/robustness-*.yaml) and of small inline scenarios, and look-ups in their reports.</summary>
internal static class RobustnessRuns
{
    public static IReadOnlyList<Scenario> Family() =>
        HarnessRuns.AllScenarios().Where(s => s.Tags.Contains("robustness")).ToList();

    public static Scenario Inline(string yaml) =>
        new ScenarioLoader(HarnessRun.Catalogue.Select(c => c.Id).ToHashSet()).Load(yaml, "inline.yaml");

    /// <summary>A quick run judged from the harness's own sockets (no pcap), with a short request timeout: for targets
    /// that are expected to misbehave, where every wait costs test time.</summary>
    public static RunReport Quick(IReadOnlyList<Scenario> scenarios, string runId, string? target = null, IReadOnlyList<string>? faults = null) =>
        new HarnessRun().Execute(new RunOptions(
            target,
            scenarios,
            ["udp"],
            Path.Combine(HarnessRuns.Root, "reports", "robustness-checks"),
            Path.Combine(HarnessRuns.Root, "captures", "robustness-checks"),
            HarnessRuns.Root,
            CaptureMode.Socket,
            null,
            TimeSpan.FromSeconds(1),
            faults ?? [])
        {
            RunId = $"{runId}-{HarnessRuns.Stamp()}",
        });

    /// <summary>Every verdict of <paramref name="checkId"/> in the run (one per scenario run that judged it).</summary>
    public static IReadOnlyList<CheckResult> Verdicts(RunReport report, string checkId, string? scenario = null) =>
        report.Scenarios.Where(s => scenario is null || s.Scenario == scenario)
            .SelectMany(s => s.Analysis.Results).Where(r => r.Check.Id == checkId).ToList();

    /// <summary>The failed verdict of <paramref name="checkId"/> (asserting there is one), for its evidence.</summary>
    public static CheckResult Finding(RunReport report, string checkId, string? scenario = null)
    {
        var verdicts = Verdicts(report, checkId, scenario);
        verdicts.Should().NotBeEmpty($"{scenario ?? "the run"} judges {checkId}");
        var failed = verdicts.Where(r => r.Verdict == Verdict.Fail).ToList();
        failed.Should().NotBeEmpty($"{checkId} must be a finding here; verdicts: {string.Join(" || ", verdicts.Select(v => $"{v.Verdict}: {v.Evidence}"))}");
        return failed[0];
    }

    /// <summary>Every robust.* and other failed verdict, one line each, for the test log.</summary>
    public static IEnumerable<string> Findings(RunReport report) =>
        report.Scenarios.SelectMany(s => s.Analysis.Results
            .Where(r => r.Verdict == Verdict.Fail)
            .Select(r => $"{s.Scenario} ({s.Transport}): {r.Check.Id} [{r.Check.Level}] {(r.Evidence.Length > 400 ? r.Evidence[..400] + "…" : r.Evidence)}"));
}
