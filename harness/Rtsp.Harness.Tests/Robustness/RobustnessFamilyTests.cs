using FluentAssertions;
using Rtsp.Harness.Analysis.Robustness;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Scenarios.Steps;
using Rtsp.Harness.Tests.Conformance;

namespace Rtsp.Harness.Tests.Robustness;

/// <summary>The shipped family (scenarios/robustness-*.yaml) loads, is tagged, and together can fail every robust.* check.</summary>
public sealed class RobustnessFamilyTests
{
    [Test]
    public void Every_robustness_file_is_tagged_and_every_robust_check_is_exercised()
    {
        var all = HarnessRuns.AllScenarios();
        var family = RobustnessRuns.Family();
        family.Select(s => s.Name).Should().BeEquivalentTo(all.Where(s => s.Name.StartsWith("robustness-", StringComparison.Ordinal)).Select(s => s.Name),
            "every robustness-*.yaml carries the robustness tag (the Robustness tests run exactly those)");
        family.Should().HaveCountGreaterThanOrEqualTo(12);

        var exercised = family.SelectMany(s => s.Steps.SelectMany(CheckIdsOf).Concat(s.Healthy is null ? [] : [RobustnessChecks.Collateral.Id]))
            .ToHashSet(StringComparer.Ordinal);
        exercised.Should().Contain(RobustnessChecks.All.Select(c => c.Id));
    }

    private static IEnumerable<string> CheckIdsOf(ScenarioStep step) => step switch
    {
        MalformedStep or OversizeStep or SlowlorisStep => [((RobustnessStep)step).CheckId, RobustnessChecks.Alive.Id],
        SessionFloodStep flood => [flood.CheckId, RobustnessChecks.Alive.Id, RobustnessChecks.OthersServed.Id, RobustnessChecks.SessionIds.Id],
        RobustnessStep r => [r.CheckId],
        RequestStep { Expect: { } e } => [e.CheckId],
        RawStep { Expect: { } e } => [e.CheckId],
        _ => [],
    };
}
