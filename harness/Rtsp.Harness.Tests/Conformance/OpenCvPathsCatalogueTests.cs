using System.Diagnostics;
using FluentAssertions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// The whole catalogue over UDP and TCP against the two kinds of path OpenCV gives the reference server (issue 6):
/// a live capture fed through a FIFO and a transcoded H.264 file. No MUST check may fail, and the scenarios reported
/// not applicable must be exactly those whose declarations the path cannot meet: <c>requires</c> (stored media on the
/// live path, live media on the file) and <c>server_args</c> (a server started elsewhere cannot take options).
/// The four runs (live/file × udp/tcp) go at once, each against a server of its own with its own port band: about
/// 2 minutes instead of 7 in a row.
/// </summary>
[Category("Conformance")]
[NonParallelizable]
public sealed class OpenCvPathsCatalogueTests
{
    private static readonly string[] Transports = ["udp", "tcp"];

    [Test]
    [CancelAfter(12 * 60 * 1000)]
    public void The_whole_catalogue_passes_on_a_live_capture_and_a_transcoded_file_over_udp_and_tcp()
    {
        var scenarios = HarnessRuns.Catalogue();
        using var targets = new OpenCvTargets();
        targets.MakeClip();
        var plan = new List<(string Kind, string Transport, string Target)>();
        foreach (var transport in Transports)
        {
            plan.Add(("live", transport, targets.StartLiveServer()));
            plan.Add(("file", transport, targets.StartFileServer()));
        }

        var clock = Stopwatch.StartNew();
        string stamp = HarnessRuns.Stamp();
        // A thread of its own per run: a run waits synchronously on socket operations whose completions need
        // thread-pool threads, and four runs on pool threads starved the pool (a connect "timed out" after 5 s).
        var reports = new RunReport?[plan.Count];
        var errors = new Exception?[plan.Count];
        var threads = plan.Select((run, i) => new Thread(() =>
        {
            try
            {
                reports[i] = HarnessRuns.Run(
                    scenarios, $"opencv-{stamp}-{run.Kind}-{run.Transport}", Path.Combine(HarnessRuns.Root, "reports"), run.Target,
                    transports: [run.Transport], portBand: (10000 + 2000 * i, 11999 + 2000 * i));
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        }) { Name = $"harness {run.Kind}/{run.Transport}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        TestContext.Out.WriteLine($"4 runs at once in {clock.Elapsed.TotalSeconds:0} s");
        errors.OfType<Exception>().Should().BeEmpty("every run completes");

        var failures = new List<string>();
        foreach (var ((kind, transport, _), report) in plan.Zip(reports.Select(r => r!)))
        {
            var runs = report.Scenarios;
            var notApplicable = runs.Where(s => s.Outcome == ScenarioOutcome.NotApplicable).Select(s => s.Scenario).ToList();
            var declared = scenarios.Where(s => s.Transports.Contains(transport) && !AppliesTo(s, kind)).Select(s => s.Name).ToList();
            var shoulds = HarnessRuns.Failures(report, r => r.Check.Level == CheckLevel.Should).ToList();
            TestContext.Out.WriteLine(
                $"{kind} over {transport} ({report.Presentation}): {runs.Count} scenarios, {runs.Count - notApplicable.Count} applicable, " +
                $"{notApplicable.Count} not applicable, {runs.Count(s => s.Outcome == ScenarioOutcome.Pass)} passed, " +
                $"{shoulds.Count} SHOULD findings, {report.Duration.TotalSeconds:0} s ({report.CaptureMode})");
            shoulds.ForEach(TestContext.Out.WriteLine);

            report.Presentation.Should().StartWith(kind == "live" ? "live media (a=range:npt=now-)" : "stored media (a=range:npt=0-10");
            runs.Should().HaveCount(scenarios.Count(s => s.Transports.Contains(transport)), $"{kind}/{transport}: every scenario is reported");
            notApplicable.Should().BeEquivalentTo(declared, $"{kind}/{transport}: not applicable exactly where the declarations say");
            runs.Where(s => s.Outcome == ScenarioOutcome.NotApplicable).Should().OnlyContain(s => !string.IsNullOrEmpty(s.ErrorMessage), "each says why");
            failures.AddRange(HarnessRuns.Errors(report).Select(e => $"ERROR {kind}: {e}"));
            failures.AddRange(HarnessRuns.Failures(report, r => r.Check.Level == CheckLevel.Must).Select(f => $"{kind}: {f}"));
            failures.AddRange(runs.Where(s => s.Outcome is not (ScenarioOutcome.Pass or ScenarioOutcome.NotApplicable))
                .Select(s => $"{kind}: {s.Scenario} ({s.Transport}) {s.Outcome}: {s.ErrorMessage}"));
        }

        failures.Should().BeEmpty("the reference server follows every MUST on live and transcoded paths");
    }

    /// <summary>What the scenario's own declarations say about a live path and a stored (transcoded) one.</summary>
    private static bool AppliesTo(Scenario scenario, string kind) =>
        scenario.ServerArguments.Count == 0
        && scenario.Requires.All(r => r == (kind == "live" ? MediaRequirement.LiveMedia : MediaRequirement.StoredMedia));
}
