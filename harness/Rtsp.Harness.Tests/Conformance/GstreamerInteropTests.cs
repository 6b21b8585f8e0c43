using FluentAssertions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// The catalogue against a real third-party server, GStreamer's gst-rtsp-server (scripts/peers/gst_rtsp_server.py,
/// its seekable /avi mount): the run completes, and GStreamer's real deviations (PEERS.md: 400 for an unknown method,
/// 454 for PLAY before SETUP) are reported as findings of the right checks, not as harness errors.
/// </summary>
[Category("Interop")]
public sealed class GstreamerInteropTests
{
    [Test]
    [CancelAfter(15 * 60 * 1000)]
    public void The_catalogue_runs_against_gstreamer_and_reports_its_deviations_as_findings()
    {
        using var gst = GstreamerTestPeer.StartOrInconclusive();
        var scenarios = HarnessRuns.Catalogue();
        var target = gst.AviUrl;
        var report = HarnessRuns.Run(scenarios, $"interop-gstreamer-{HarnessRuns.Stamp()}", Path.Combine(HarnessRuns.Root, "reports"), target);
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, HarnessRuns.Failures(report)));

        report.Scenarios.Should().HaveCount(scenarios.Sum(s => s.Transports.Count), "the run completes");
        HarnessRuns.Errors(report).Should().BeEmpty("a deviating server is judged, not a harness error");

        // The happy path works on GStreamer over both transports.
        Outcomes(report, "play-basic").Should().OnlyContain(o => o == ScenarioOutcome.Pass);

        // Its known deviation: 400 for an unknown method is a finding of rtsp.status.501, quoting the 400.
        Finding(report, "status-501-unknown-method", "rtsp.status.501").Evidence.Should().Contain("400");

        // Scenarios that need the reference server's own options are not applicable to an external target.
        Outcomes(report, "session-timeout").Should().OnlyContain(o => o == ScenarioOutcome.NotApplicable);
        Outcomes(report, "auth-success").Should().OnlyContain(o => o == ScenarioOutcome.NotApplicable);

        File.Exists(Path.Combine(HarnessRuns.Root, "reports", report.RunId, "index.html")).Should().BeTrue();
    }

    private static IEnumerable<ScenarioOutcome> Outcomes(RunReport report, string scenario) =>
        report.Scenarios.Where(s => s.Scenario == scenario).Select(s => s.Outcome).ToList() is { Count: > 0 } found
            ? found
            : throw new AssertionException($"scenario {scenario} did not run");

    private static CheckResult Finding(RunReport report, string scenario, string checkId)
    {
        var results = report.Scenarios.Where(s => s.Scenario == scenario).SelectMany(s => s.Analysis.Results).Where(r => r.Check.Id == checkId).ToList();
        results.Should().NotBeEmpty($"{scenario} judges {checkId}");
        var failed = results.Where(r => r.Verdict == Verdict.Fail).ToList();
        failed.Should().NotBeEmpty($"GStreamer deviates on {checkId}");
        return failed[0];
    }
}
