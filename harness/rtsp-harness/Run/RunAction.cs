using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Targets;
using Spectre.Console;

namespace Rtsp.Harness.Cli.Run;

/// <summary>What <c>rtsp-harness run</c> does once its options are parsed; returns the exit code (0 / 1 / 2).</summary>
public static class RunAction
{
    public static int Execute(RunArguments arguments)
    {
        try
        {
            var root = RepositoryLayout.RequireRoot();
            var run = new HarnessRun();
            var loader = new ScenarioLoader(HarnessRun.Catalogue.Select(c => c.Id).ToHashSet());
            var scenarios = ScenarioSelection.Select(loader.LoadDirectory(arguments.ScenariosDirectory ?? RepositoryLayout.ScenariosDirectory(root)), arguments.ScenarioNames, arguments.Tags);
            if (arguments.Target is not null && arguments.Faults.Count > 0)
            {
                throw new HarnessEnvironmentException("--fault applies to the reference server the harness starts; it cannot be used with --target");
            }

            if ((arguments.User is null) != (arguments.Password is null))
            {
                throw new HarnessEnvironmentException("--user and --password go together");
            }

            var options = new RunOptions(
                arguments.Target,
                scenarios,
                arguments.Transport == "both" ? ["udp", "tcp"] : [arguments.Transport],
                arguments.Output ?? Path.Combine(root, "reports"),
                arguments.Output is { } output ? Path.Combine(output, "captures") : Path.Combine(root, "captures"),
                root,
                arguments.Capture,
                arguments.Interface,
                TimeSpan.FromSeconds(arguments.TimeoutSeconds),
                arguments.Faults)
            {
                LiveTarget = arguments.LiveTarget,
                Credentials = arguments.User is { } user ? new Credentials(user, arguments.Password!) : null,
            };
            AnsiConsole.MarkupLine($"[bold]rtsp-harness run[/] {Markup.Escape(options.RunId)}: {scenarios.Count} scenario(s) against {Markup.Escape(arguments.Target is { } t ? TargetInfo.Redact(t) : "the reference server (started now)")}");
            var report = run.Execute(options, new Progress<ScenarioProgress>(ShowProgress));
            RunSummary.Print(report);
            AnsiConsole.MarkupLine($"report: [link]{Markup.Escape(Path.Combine(HarnessRun.ReportFolder(options), "index.html"))}[/]");
            return HarnessRun.ExitCode(report);
        }
        catch (Exception e) when (e is ScenarioLoadException or HarnessEnvironmentException or TargetUnreachableException or DirectoryNotFoundException or ArgumentException)
        {
            Console.Error.WriteLine($"rtsp-harness: {e.Message}");
            return 2;
        }
    }

    private static void ShowProgress(ScenarioProgress p)
    {
        if (p.Finished is not { } run)
        {
            return;
        }

        var failed = run.Analysis.Results.Count(r => r.Verdict == Verdict.Fail);
        AnsiConsole.MarkupLine(
            $"[grey][[{p.Index,3}/{p.Total}]][/] {Markup.Escape(p.Scenario),-34} {p.Transport} {RunSummary.Badge(run.Outcome)} " +
            $"[grey]{run.Duration.TotalSeconds,5:0.0} s{(failed > 0 ? $", {failed} check(s) failed" : string.Empty)}[/]");
    }
}
