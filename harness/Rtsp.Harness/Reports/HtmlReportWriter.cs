using System.Globalization;
using System.Text;
using Rtsp.Harness.Checks;
using static Rtsp.Harness.Reports.Html;

namespace Rtsp.Harness.Reports;

/// <summary>
/// <c>index.html</c> (summary matrix, failures, catalogue) and one page per scenario × transport under
/// <c>scenarios/</c>: transcript, every check with level, clause and evidence, charts, thumbnails, capture facts.
/// Self-contained: inline CSS and SVG, images as data: URIs, only relative links. Written as well-formed XHTML-style
/// markup so a test can parse it as XML.
/// </summary>
public static class HtmlReportWriter
{
    public const string ScenarioFolder = "scenarios";

    /// <summary>The page of one scenario run, relative to the report folder.</summary>
    public static string PagePath(ScenarioRun run) => $"{ScenarioFolder}/{Slug(run.Scenario)}-{Slug(run.Transport)}.html";

    public static void Write(RunReport report, string outputDirectory)
    {
        Directory.CreateDirectory(Path.Combine(outputDirectory, ScenarioFolder));
        File.WriteAllText(Path.Combine(outputDirectory, "index.html"), Index(report), Encoding.UTF8);
        foreach (var run in report.Scenarios)
        {
            File.WriteAllText(Path.Combine(outputDirectory, PagePath(run)), ScenarioPage(report, run, outputDirectory), Encoding.UTF8);
        }
    }

    private static string Index(RunReport report)
    {
        var html = Begin($"RTSP conformance — {report.Target}", "");
        var counts = report.Scenarios.GroupBy(s => s.Outcome).ToDictionary(g => g.Key, g => g.Count());
        html.Append("<h1>RTSP conformance report</h1>")
            .Append("<p class=\"meta\">Target <code>").Append(E(report.Target)).Append("</code> · run <code>").Append(E(report.RunId))
            .Append("</code> · started ").Append(E(report.Started.ToString("u", CultureInfo.InvariantCulture)))
            .Append(" · ").Append(Duration(report.Duration)).Append(" · capture mode <b>").Append(E(report.CaptureMode)).Append("</b>")
            .Append(report.Presentation is { } presentation ? " · presentation: " + E(presentation) : "").Append("</p>")
            .Append("<p id=\"totals\">");
        foreach (var outcome in Enum.GetValues<ScenarioOutcome>())
        {
            html.Append("<span class=\"badge ").Append(OutcomeClass(outcome)).Append("\">").Append(counts.GetValueOrDefault(outcome))
                .Append(' ').Append(Outcome(outcome)).Append("</span> ");
        }

        html.Append("</p>");
        long dropped = report.Scenarios.Sum(s => s.CaptureDropped);
        if (dropped > 0)
        {
            html.Append("<p class=\"warn\">The capture dropped ").Append(dropped).Append(" packets: figures from those runs are incomplete.</p>");
        }

        AppendMatrix(html, report);
        AppendFailures(html, report);
        AppendNotApplicable(html, report);
        AppendCatalogue(html, report.Catalogue);
        return End(html);
    }

    private static void AppendMatrix(StringBuilder html, RunReport report)
    {
        var transports = report.Scenarios.Select(s => s.Transport).Distinct(StringComparer.Ordinal)
            .OrderBy(t => t == "udp" ? 0 : t == "tcp" ? 1 : 2).ThenBy(t => t, StringComparer.Ordinal).ToList();
        html.Append("<h2>Summary</h2><table id=\"matrix\"><thead><tr><th>scenario</th>");
        foreach (var transport in transports)
        {
            html.Append("<th>").Append(E(transport)).Append("</th>");
        }

        html.Append("<th>description</th></tr></thead><tbody>");
        foreach (var scenario in report.Scenarios.GroupBy(s => s.Scenario))
        {
            html.Append("<tr><td>").Append(E(scenario.Key)).Append("</td>");
            foreach (var transport in transports)
            {
                var run = scenario.FirstOrDefault(s => s.Transport == transport);
                if (run is null)
                {
                    html.Append("<td class=\"na\">—</td>");
                    continue;
                }

                int mustFailures = run.Analysis.Results.Count(r => r.Verdict == Verdict.Fail && r.Check.Level == CheckLevel.Must);
                int shouldFailures = run.Analysis.Results.Count(r => r.Verdict == Verdict.Fail && r.Check.Level == CheckLevel.Should);
                html.Append("<td class=\"").Append(OutcomeClass(run.Outcome)).Append('"')
                    .Append(run.Outcome == ScenarioOutcome.NotApplicable ? " title=\"" + E(run.ErrorMessage) + "\"" : "")
                    .Append("><a href=\"").Append(E(PagePath(run))).Append("\">")
                    .Append(Outcome(run.Outcome)).Append("</a>");
                if (mustFailures + shouldFailures > 0)
                {
                    html.Append(" <small>").Append(mustFailures).Append(" MUST, ").Append(shouldFailures).Append(" SHOULD</small>");
                }

                html.Append("</td>");
            }

            html.Append("<td>").Append(E(scenario.First().Description)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void AppendFailures(StringBuilder html, RunReport report)
    {
        var failures = report.Scenarios
            .SelectMany(run => run.Analysis.Results.Where(r => r.Verdict == Verdict.Fail).Select(r => (run, r)))
            .OrderBy(x => x.r.Check.Level).ToList();
        html.Append("<h2>Findings</h2>");
        if (failures.Count == 0 && report.Scenarios.All(s => s.Outcome != ScenarioOutcome.Error))
        {
            html.Append("<p>No check failed.</p>");
            return;
        }

        html.Append("<table id=\"findings\"><thead><tr><th>scenario</th><th>check</th><th>level</th><th>clause</th><th>evidence</th></tr></thead><tbody>");
        foreach (var run in report.Scenarios.Where(s => s.Outcome == ScenarioOutcome.Error))
        {
            html.Append("<tr><td><a href=\"").Append(E(PagePath(run))).Append("\">").Append(E(run.Scenario)).Append(" (").Append(E(run.Transport))
                .Append(")</a></td><td>—</td><td class=\"error\">ERROR</td><td></td><td>").Append(E(run.ErrorMessage)).Append("</td></tr>");
        }

        foreach (var (run, result) in failures)
        {
            html.Append("<tr><td><a href=\"").Append(E(PagePath(run))).Append("\">").Append(E(run.Scenario)).Append(" (").Append(E(run.Transport))
                .Append(")</a></td><td><code>").Append(E(result.Check.Id)).Append("</code></td><td class=\"fail\">").Append(Level(result.Check.Level))
                .Append("</td><td>").Append(E(result.Check.Clause)).Append("</td><td class=\"evidence\">").Append(E(result.Evidence)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    /// <summary>Scenarios not run and why: never counted as passed, never left out silently.</summary>
    private static void AppendNotApplicable(StringBuilder html, RunReport report)
    {
        var skipped = report.Scenarios.Where(s => s.Outcome == ScenarioOutcome.NotApplicable).ToList();
        if (skipped.Count == 0)
        {
            return;
        }

        html.Append("<h2>Not applicable</h2><table id=\"not-applicable\"><thead><tr><th>scenario</th><th>reason</th></tr></thead><tbody>");
        foreach (var run in skipped)
        {
            html.Append("<tr><td><a href=\"").Append(E(PagePath(run))).Append("\">").Append(E(run.Scenario)).Append(" (").Append(E(run.Transport))
                .Append(")</a></td><td>").Append(E(run.ErrorMessage)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void AppendCatalogue(StringBuilder html, IReadOnlyList<CheckDefinition> catalogue)
    {
        html.Append("<h2>Check catalogue</h2><table id=\"catalogue\"><thead><tr><th>id</th><th>level</th><th>clause</th><th>rule</th></tr></thead><tbody>");
        foreach (var check in catalogue)
        {
            html.Append("<tr><td><code>").Append(E(check.Id)).Append("</code></td><td>").Append(Level(check.Level)).Append("</td><td>")
                .Append(E(check.Clause)).Append("</td><td>").Append(E(check.Title)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string ScenarioPage(RunReport report, ScenarioRun run, string outputDirectory)
    {
        var html = Begin($"{run.Scenario} ({run.Transport}) — RTSP conformance", "../");
        html.Append("<p><a href=\"../index.html\">← summary</a></p>")
            .Append("<h1>").Append(E(run.Scenario)).Append(" <small>over ").Append(E(run.Transport)).Append("</small> <span class=\"badge ")
            .Append(OutcomeClass(run.Outcome)).Append("\" id=\"outcome\">").Append(Outcome(run.Outcome)).Append("</span></h1>")
            .Append("<p>").Append(E(run.Description)).Append("</p>")
            .Append("<p class=\"meta\">Target <code>").Append(E(report.Target)).Append("</code> · ").Append(Duration(run.Duration))
            .Append(" · capture mode <b>").Append(E(report.CaptureMode)).Append("</b> · capture drops <b")
            .Append(run.CaptureDropped > 0 ? " class=\"warn\"" : "").Append('>').Append(run.CaptureDropped).Append("</b>");
        if (PcapLink(run, outputDirectory) is { } link)
        {
            html.Append(" · <a class=\"pcap\" href=\"").Append(E(link)).Append("\">capture (pcap)</a>");
        }

        html.Append("</p>");
        if (run.ErrorMessage is not null)
        {
            html.Append("<p class=\"warn\">").Append(E(run.ErrorMessage)).Append("</p>");
        }

        AppendChecks(html, run);
        AppendCharts(html, run);
        AppendThumbnails(html, run);
        AppendTranscript(html, run);
        return End(html);
    }

    private static void AppendChecks(StringBuilder html, ScenarioRun run)
    {
        html.Append("<h2>Checks</h2><table id=\"checks\"><thead><tr><th>check</th><th>level</th><th>clause</th><th>rule</th><th>verdict</th><th>evidence</th></tr></thead><tbody>");
        foreach (var result in run.Analysis.Results.OrderBy(r => r.Verdict == Verdict.Fail ? 0 : 1).ThenBy(r => r.Check.Level))
        {
            html.Append("<tr><td><code>").Append(E(result.Check.Id)).Append("</code></td><td>").Append(Level(result.Check.Level)).Append("</td><td>")
                .Append(E(result.Check.Clause)).Append("</td><td>").Append(E(result.Check.Title)).Append("</td><td class=\"")
                .Append(VerdictClass(result.Verdict)).Append("\">").Append(VerdictText(result.Verdict)).Append("</td><td class=\"evidence\">")
                .Append(E(result.Evidence));
            if (result.PacketNumbers is { Count: > 0 } numbers)
            {
                html.Append("<br/><small>packets ").Append(E(string.Join(", ", numbers.Take(20))))
                    .Append(numbers.Count > 20 ? $" … ({numbers.Count} in all)" : "").Append("</small>");
            }

            if (result.Metrics is { Count: > 0 } metrics)
            {
                html.Append("<br/><small>").Append(E(string.Join(" · ", metrics.Select(m => $"{m.Key} = {Number(m.Value)}")))).Append("</small>");
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void AppendCharts(StringBuilder html, ScenarioRun run)
    {
        var series = run.Analysis.Series;
        if (series.Count == 0)
        {
            return;
        }

        html.Append("<h2>Timing</h2><div class=\"charts\">");
        foreach (var (name, points) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            html.Append(SvgChart.Line(Title(name), Unit(name), points));
            if (name.StartsWith("frame_interval", StringComparison.Ordinal))
            {
                html.Append(SvgChart.Histogram($"{Title(name)} — histogram", Unit(name), [.. points.Select(p => p.Value)]));
            }
        }

        html.Append("</div>");
    }

    private static void AppendThumbnails(StringBuilder html, ScenarioRun run)
    {
        if (run.Analysis.FirstFrameJpeg is null && run.Analysis.LastFrameJpeg is null)
        {
            return;
        }

        html.Append("<h2>Decoded frames</h2><div class=\"thumbs\">");
        foreach (var (label, jpeg) in new[] { ("first", run.Analysis.FirstFrameJpeg), ("last", run.Analysis.LastFrameJpeg) })
        {
            if (jpeg is not null)
            {
                html.Append("<figure style=\"display:inline-block;margin:0 8px 0 0\"><img class=\"thumbnail\" alt=\"").Append(label)
                    .Append(" decoded frame\" src=\"data:image/jpeg;base64,").Append(Convert.ToBase64String(jpeg))
                    .Append("\"/><figcaption>").Append(label).Append(" frame</figcaption></figure>");
            }
        }

        html.Append("</div>");
    }

    private static void AppendTranscript(StringBuilder html, ScenarioRun run)
    {
        html.Append("<h2>RTSP transcript</h2>");
        if (run.Transcript.Count == 0)
        {
            html.Append("<p class=\"meta\">No RTSP messages.</p>");
            return;
        }

        long start = run.Transcript[0].TimestampNs;
        html.Append("<pre class=\"transcript\" id=\"transcript\">");
        foreach (var entry in run.Transcript)
        {
            html.Append("<span class=\"").Append(entry.FromServer ? "from-server" : "to-server").Append("\">")
                .Append(E($"[{(entry.TimestampNs - start) / 1e6:0.000} ms] {(entry.FromServer ? "S→C" : "C→S")}\n{entry.Text.TrimEnd()}\n\n"))
                .Append("</span>");
        }

        html.Append("</pre>");
    }

    // PcapPath is relative to the report folder's parent (reports/<run>/.. ), or absolute; the page sits one level
    // below the report folder.
    private static string? PcapLink(ScenarioRun run, string outputDirectory)
    {
        if (run.PcapPath is null)
        {
            return null;
        }

        string reportFolder = Path.GetFullPath(outputDirectory);
        string absolute = Path.IsPathRooted(run.PcapPath)
            ? run.PcapPath
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(reportFolder) ?? reportFolder, run.PcapPath));
        string relative = Path.GetRelativePath(Path.Combine(reportFolder, ScenarioFolder), absolute);
        return string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
    }

    private static string Title(string series) => series.Replace('_', ' ');

    private static string Unit(string series) =>
        series.EndsWith("_ms", StringComparison.Ordinal) ? "ms"
        : series.EndsWith("_kbps", StringComparison.Ordinal) ? "kbit/s"
        : series.EndsWith("_fps", StringComparison.Ordinal) ? "frames/s"
        : "";

    private static StringBuilder Begin(string title, string root) =>
        new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>").Append(E(title))
            .Append("</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><style>").Append(Style)
            .Append("</style></head><body data-root=\"").Append(root).Append("\">");

    private static string End(StringBuilder html) => html.Append("</body></html>\n").ToString();
}
