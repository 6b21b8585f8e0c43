using System.Globalization;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// Runs the real harness (real server processes, real sockets, pcap capture when the machine allows it) the way
/// <c>rtsp-harness run</c> does, writing into the checkout's reports/ and captures/ so CI keeps the evidence.
/// </summary>
internal static class HarnessRuns
{
    public static string Root => RepositoryLayout.RequireRoot();

    /// <summary>The catalogue without the robustness family, which Robustness/ tests run on their own (once per target, to
    /// keep `./run-tests.sh all` within its time budget).</summary>
    public static IReadOnlyList<Scenario> Catalogue() => AllScenarios().Where(s => !s.Tags.Contains("robustness")).ToList();

    /// <summary>Every scenario in scenarios/, the robustness family included.</summary>
    public static IReadOnlyList<Scenario> AllScenarios() =>
        new ScenarioLoader(HarnessRun.Catalogue.Select(c => c.Id).ToHashSet()).LoadDirectory(RepositoryLayout.ScenariosDirectory(Root));

    public static string Stamp() => DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    /// <param name="outputRoot">The report goes to &lt;outputRoot&gt;/&lt;runId&gt;; pcaps to captures/&lt;name of outputRoot&gt;/&lt;runId&gt;
    /// (captures/reports/&lt;runId&gt; is avoided: a plain reports/ root puts them in captures/&lt;runId&gt;).</param>
    /// <param name="target">null = the reference server, started by the run with <paramref name="faults"/>.</param>
    /// <param name="transports">null = both.</param>
    /// <param name="portBand">Where the run's receive windows are drawn from; runs at once need disjoint bands.</param>
    /// <param name="configure">Further options (credentials, a live target).</param>
    public static RunReport Run(
        IReadOnlyList<Scenario> scenarios, string runId, string outputRoot, string? target = null, IReadOnlyList<string>? faults = null,
        IReadOnlyList<string>? transports = null, (int Low, int High)? portBand = null, Func<RunOptions, RunOptions>? configure = null) =>
        new HarnessRun().Execute((configure ?? (o => o))(new RunOptions(
            target,
            scenarios,
            transports ?? ["udp", "tcp"],
            outputRoot,
            Path.GetFileName(outputRoot) == "reports" ? Path.Combine(Root, "captures") : Path.Combine(Root, "captures", Path.GetFileName(outputRoot)),
            Root,
            CaptureMode.Auto,
            null,
            TimeSpan.FromSeconds(5),
            faults ?? [])
        {
            RunId = runId,
            ClientPortBand = portBand,
        }));

    /// <summary>Every failed check of a run as "scenario (transport): id [LEVEL] evidence", for assertion messages.</summary>
    public static IEnumerable<string> Failures(RunReport report, Func<CheckResult, bool>? which = null) =>
        report.Scenarios.SelectMany(s => s.Analysis.Results
            .Where(r => r.Verdict == Verdict.Fail && (which?.Invoke(r) ?? true))
            .Select(r => $"{s.Scenario} ({s.Transport}): {r.Check.Id} [{r.Check.Level}] {Shorten(r.Evidence)}"));

    /// <summary>The catalogue's scenarios of these names, in the order given.</summary>
    public static IReadOnlyList<Scenario> Named(params string[] names) =>
        names.Select(n => AllScenarios().Single(s => s.Name == n)).ToList();

    public static IEnumerable<string> Errors(RunReport report) =>
        report.Scenarios.Where(s => s.Outcome == ScenarioOutcome.Error).Select(s => $"{s.Scenario} ({s.Transport}): {s.ErrorMessage}");

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
