using System.Diagnostics;
using FluentAssertions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>The whole catalogue against the reference server over UDP and TCP: no MUST failure, and the report is written.</summary>
[Category("Conformance")]
public sealed class CatalogueConformanceTests
{
    [Test]
    [CancelAfter(15 * 60 * 1000)]
    public void The_reference_server_passes_the_whole_catalogue_over_udp_and_tcp()
    {
        var scenarios = HarnessRuns.Catalogue();
        var clock = Stopwatch.StartNew();
        var report = HarnessRuns.Run(scenarios, $"conformance-{HarnessRuns.Stamp()}", Path.Combine(HarnessRuns.Root, "reports"));
        TestContext.Out.WriteLine($"{report.Scenarios.Count} scenario runs in {clock.Elapsed.TotalSeconds:0} s ({report.CaptureMode})");

        report.Scenarios.Should().HaveCount(scenarios.Sum(s => s.Transports.Count));
        HarnessRuns.Errors(report).Should().BeEmpty("the harness must be able to judge every scenario");
        HarnessRuns.Failures(report, r => r.Check.Level == CheckLevel.Must).Should().BeEmpty("the reference server follows every MUST");
        var live = scenarios.Where(s => s.Requires.Contains(MediaRequirement.LiveMedia)).Select(s => s.Name).ToHashSet();
        report.Presentation.Should().StartWith("stored media (a=range:npt=0-10");
        report.Scenarios.Where(s => live.Contains(s.Scenario)).Should().OnlyContain(s => s.Outcome == ScenarioOutcome.NotApplicable, "the sample is stored media");
        report.Scenarios.Where(s => !live.Contains(s.Scenario)).Should().OnlyContain(s => s.Outcome == ScenarioOutcome.Pass, "the reference server supports every scenario");
        var folder = Path.Combine(HarnessRuns.Root, "reports", report.RunId);
        File.Exists(Path.Combine(folder, "index.html")).Should().BeTrue();
        File.Exists(Path.Combine(folder, "junit.xml")).Should().BeTrue();
        File.Exists(Path.Combine(folder, "results.json")).Should().BeTrue();
    }
}
