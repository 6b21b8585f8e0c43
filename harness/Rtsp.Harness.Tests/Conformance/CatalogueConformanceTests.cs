using System.Diagnostics;
using FluentAssertions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;

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
        report.Presentation.Should().StartWith("stored media (a=range:npt=0-10); 10 s, 25 fps (a=framerate), JPEG/90000. Live target ")
            .And.EndWith("/live/pattern: live media (a=range:npt=now-); 25 fps (a=framerate), JPEG/90000");
        report.Scenarios.Should().OnlyContain(s => s.Outcome == ScenarioOutcome.Pass,
            "the reference server supports every scenario; those needing live media run on its live/pattern, the default live target");
        var folder = Path.Combine(HarnessRuns.Root, "reports", report.RunId);
        File.Exists(Path.Combine(folder, "index.html")).Should().BeTrue();
        File.Exists(Path.Combine(folder, "junit.xml")).Should().BeTrue();
        File.Exists(Path.Combine(folder, "results.json")).Should().BeTrue();
    }
}
