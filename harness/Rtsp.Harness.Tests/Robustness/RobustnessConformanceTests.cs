using System.Diagnostics;
using FluentAssertions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Tests.Conformance;

namespace Rtsp.Harness.Tests.Robustness;

/// <summary>
/// The robustness family against the reference server: every scenario is judged (no harness error) and no MUST check
/// fails. SHOULD and ADVISORY findings the server still has are printed, not hidden.
/// </summary>
[Category("Conformance")]
public sealed class RobustnessConformanceTests
{
    [Test]
    [CancelAfter(5 * 60 * 1000)]
    public void The_reference_server_passes_the_robustness_family()
    {
        var family = RobustnessRuns.Family();
        family.Should().HaveCountGreaterThanOrEqualTo(12);
        var clock = Stopwatch.StartNew();
        var report = HarnessRuns.Run(family, $"robustness-reference-{HarnessRuns.Stamp()}", Path.Combine(HarnessRuns.Root, "reports"));
        TestContext.Out.WriteLine($"{report.Scenarios.Count} scenario runs in {clock.Elapsed.TotalSeconds:0} s ({report.CaptureMode}); findings:");
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, RobustnessRuns.Findings(report)));

        report.Scenarios.Should().HaveCount(family.Sum(s => s.Transports.Count));
        HarnessRuns.Errors(report).Should().BeEmpty("hostile input is judged, never a harness error");
        HarnessRuns.Failures(report, r => r.Check.Level == CheckLevel.Must).Should().BeEmpty("the reference server survives every hostile input");
        report.Scenarios.Should().OnlyContain(s => s.Outcome == ScenarioOutcome.Pass);

        // The hardening every run shows: parsing, refusals, no reflection, and a healthy session that lost nothing.
        foreach (var id in new[] { "robust.split", "robust.line-endings", "robust.pipeline", "robust.oversize", "robust.transport.ports", "robust.reflection", "robust.alive" })
        {
            RobustnessRuns.Verdicts(report, id).Should().NotBeEmpty().And.OnlyContain(r => r.Verdict == Verdict.Pass, id);
        }

        RobustnessRuns.Verdicts(report, "robust.collateral").Should().HaveCount(report.Scenarios.Count(s => s.Scenario != "robustness-takeover-connection"))
            .And.OnlyContain(r => r.Verdict != Verdict.NotApplicable, "every healthy session is watched");
    }
}
