using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Spectre.Console;

namespace Rtsp.Harness.Cli.Run;

/// <summary>The table printed at the end of a run: scenario × transport outcomes, then every failed check with its evidence.</summary>
public static class RunSummary
{
    public static string Badge(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Pass => "[green]PASS[/]",
        ScenarioOutcome.Fail => "[red]FAIL[/]",
        ScenarioOutcome.NotSupported => "[yellow]NOT SUPPORTED[/]",
        ScenarioOutcome.NotApplicable => "[grey]NOT APPLICABLE[/]",
        _ => "[red]ERROR[/]",
    };

    public static void Print(RunReport report)
    {
        var transports = report.Scenarios.Select(s => s.Transport).Distinct().ToList();
        var table = new Table().Title($"{Markup.Escape(report.Target)} — run {Markup.Escape(report.RunId)}");
        table.AddColumn("scenario");
        foreach (var transport in transports)
        {
            table.AddColumn(transport);
        }

        foreach (var group in report.Scenarios.GroupBy(s => s.Scenario))
        {
            var cells = new List<string> { Markup.Escape(group.Key) };
            cells.AddRange(transports.Select(t => group.FirstOrDefault(r => r.Transport == t) is { } r ? Badge(r.Outcome) : "[grey]-[/]"));
            table.AddRow(cells.ToArray());
        }

        AnsiConsole.Write(table);

        var failures = report.Scenarios
            .SelectMany(s => s.Analysis.Results.Where(r => r.Verdict == Verdict.Fail).Select(r => (Run: s, Result: r)))
            .ToList();
        if (failures.Count > 0)
        {
            var detail = new Table().Title("failed checks");
            detail.AddColumn("scenario");
            detail.AddColumn("check");
            detail.AddColumn("level");
            detail.AddColumn("evidence");
            foreach (var (run, result) in failures)
            {
                var evidence = result.Evidence.Length > 220 ? result.Evidence[..220] + "…" : result.Evidence;
                detail.AddRow(Markup.Escape($"{run.Scenario} ({run.Transport})"), Markup.Escape(result.Check.Id),
                    result.Check.Level.ToString().ToUpperInvariant(), Markup.Escape(evidence));
            }

            AnsiConsole.Write(detail);
        }

        foreach (var run in report.Scenarios.Where(s => s.Outcome is ScenarioOutcome.Error or ScenarioOutcome.NotSupported or ScenarioOutcome.NotApplicable && s.ErrorMessage is not null))
        {
            AnsiConsole.MarkupLine($"{Badge(run.Outcome)} {Markup.Escape($"{run.Scenario} ({run.Transport}): {run.ErrorMessage}")}");
        }

        if (report.Presentation is { } presentation)
        {
            AnsiConsole.MarkupLine($"presentation: {Markup.Escape(presentation)}");
        }

        var counts = report.Scenarios.GroupBy(s => s.Outcome).ToDictionary(g => g.Key, g => g.Count());
        var mustFailures = failures.Count(f => f.Result.Check.Level == CheckLevel.Must);
        AnsiConsole.MarkupLine(
            $"{counts.GetValueOrDefault(ScenarioOutcome.Pass)} passed, {counts.GetValueOrDefault(ScenarioOutcome.Fail)} failed, " +
            $"{counts.GetValueOrDefault(ScenarioOutcome.NotSupported)} not supported, {counts.GetValueOrDefault(ScenarioOutcome.NotApplicable)} not applicable, {counts.GetValueOrDefault(ScenarioOutcome.Error)} errors; " +
            $"{mustFailures} MUST and {failures.Count - mustFailures} SHOULD check failures; {report.Duration.TotalSeconds:0} s ({Markup.Escape(report.CaptureMode)} timestamps)");
    }
}
