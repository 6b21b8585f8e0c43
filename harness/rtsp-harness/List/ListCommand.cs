using System.CommandLine;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Targets;
using Spectre.Console;

namespace Rtsp.Harness.Cli.List;

/// <summary><c>rtsp-harness list</c>: the scenarios (with transports and tags) and every check (id, level, RFC clause).</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var scenariosDir = new Option<DirectoryInfo?>("--scenarios") { Description = "Directory of scenario YAML files (default: scenarios/ of the checkout)." };
        var command = new Command("list", "List the scenarios and the checks (id, level, RFC clause).") { scenariosDir };
        command.SetAction(parse =>
        {
            try
            {
                var root = RepositoryLayout.RequireRoot();
                var catalogue = HarnessRun.Catalogue;
                var scenarios = new ScenarioLoader(catalogue.Select(c => c.Id).ToHashSet())
                    .LoadDirectory(parse.GetValue(scenariosDir)?.FullName ?? RepositoryLayout.ScenariosDirectory(root));
                Print(scenarios, catalogue);
                return 0;
            }
            catch (Exception e) when (e is ScenarioLoadException or HarnessEnvironmentException or DirectoryNotFoundException)
            {
                Console.Error.WriteLine($"rtsp-harness: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static void Print(IReadOnlyList<Scenario> scenarios, IReadOnlyList<Checks.CheckDefinition> catalogue)
    {
        var scenarioTable = new Table().Title($"{scenarios.Count} scenarios");
        scenarioTable.AddColumn("scenario");
        scenarioTable.AddColumn("transports");
        scenarioTable.AddColumn("needs");
        scenarioTable.AddColumn("description");
        foreach (var s in scenarios)
        {
            scenarioTable.AddRow(Markup.Escape(s.Name), string.Join(' ', s.Transports),
                Markup.Escape(s.ServerArguments.Count == 0 ? "-" : string.Join(' ', s.ServerArguments)), Markup.Escape(s.Description));
        }

        AnsiConsole.Write(scenarioTable);
        var checkTable = new Table().Title($"{catalogue.Count} checks");
        checkTable.AddColumn("id");
        checkTable.AddColumn("level");
        checkTable.AddColumn("clause");
        checkTable.AddColumn("rule");
        foreach (var c in catalogue.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            checkTable.AddRow(Markup.Escape(c.Id), c.Level.ToString().ToUpperInvariant(), Markup.Escape(c.Clause), Markup.Escape(c.Title));
        }

        AnsiConsole.Write(checkTable);
    }
}
