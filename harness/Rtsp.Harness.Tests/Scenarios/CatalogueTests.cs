using FluentAssertions;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Analysis.Rtsp;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Scenarios.Steps;
using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Tests.Scenarios;

/// <summary>The shipped scenarios/ catalogue: it loads, it is big enough, and together it exercises every check.</summary>
public sealed class CatalogueTests
{
    private static IReadOnlyList<Scenario> LoadCatalogue() =>
        new ScenarioLoader(HarnessRun.Catalogue.Select(c => c.Id).ToHashSet())
            .LoadDirectory(RepositoryLayout.ScenariosDirectory(RepositoryLayout.RequireRoot()));

    [Test]
    public void The_catalogue_loads_and_has_at_least_40_scenarios_over_both_transports()
    {
        var scenarios = LoadCatalogue();
        scenarios.Should().HaveCountGreaterThanOrEqualTo(40);
        scenarios.Count(s => s.Transports.Contains("udp")).Should().BeGreaterThanOrEqualTo(40);
        scenarios.Count(s => s.Transports.Contains("tcp")).Should().BeGreaterThanOrEqualTo(40);
    }

    [Test]
    public void Every_check_judged_by_scenario_expectations_is_named_by_some_scenario()
    {
        var named = LoadCatalogue().SelectMany(s => Flatten(s.Steps)).SelectMany(CheckIdsOf).ToHashSet(StringComparer.Ordinal);
        var judgedByAnalyzers = AnalysisPipeline.Catalogue.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        // Judged by the runner itself on every request and concurrent-session scenario.
        string[] judgedByRunner = [RtspChecks.ResponseTimely.Id, RtspChecks.ConcurrentSessions.Id, RtspChecks.ResumeContinuity.Id, RtspChecks.ResumeClock.Id];
        var unexercised = RtspChecks.All.Select(c => c.Id)
            .Where(id => !named.Contains(id) && !judgedByAnalyzers.Contains(id) && !judgedByRunner.Contains(id))
            .ToList();
        unexercised.Should().BeEmpty("every check needs a scenario that can fail it");
    }

    [Test]
    public void Every_error_status_the_issue_lists_has_a_scenario()
    {
        var names = LoadCatalogue().Select(s => s.Name).ToList();
        foreach (var status in new[] { "400", "404", "454", "455", "457", "459", "461", "501", "505", "551" })
        {
            names.Should().Contain(n => n.StartsWith($"status-{status}-", StringComparison.Ordinal), $"status {status} needs a scenario");
        }
    }

    private static IEnumerable<ScenarioStep> Flatten(IEnumerable<ScenarioStep> steps) =>
        steps.SelectMany(s => s is RepeatStep r ? Flatten(r.Steps).Prepend(s) : [s]);

    private static IEnumerable<string> CheckIdsOf(ScenarioStep step) => step switch
    {
        RequestStep { Expect: { } e } => [e.CheckId],
        RawStep { Expect: { } e } => [e.CheckId],
        ExpectStep e => [e.Expect.CheckId],
        ExpectRtpStep r => [r.CheckId],
        _ => [],
    };
}
