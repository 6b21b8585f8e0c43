using Rtsp.Harness.Cli.Run;
using Rtsp.Harness.Targets;
using Rtsp.Harness.Tests.Conformance;

namespace Rtsp.Harness.Tests.Scenarios;

/// <summary><c>rtsp-harness run --scenario / --tag</c> on the real catalogue.</summary>
public sealed class ScenarioSelectionTests
{
    private static readonly IReadOnlyList<Rtsp.Harness.Scenarios.Scenario> All = HarnessRuns.AllScenarios();

    [Test]
    public void A_tag_selects_exactly_the_scenarios_carrying_it()
    {
        var chosen = ScenarioSelection.Select(All, [], ["robustness"]);

        chosen.Should().NotBeEmpty().And.OnlyContain(s => s.Tags.Contains("robustness"));
        chosen.Should().HaveCount(All.Count(s => s.Tags.Contains("robustness")));
        chosen.Count.Should().BeLessThan(All.Count);
    }

    [Test]
    public void Names_and_tags_add_up_and_nothing_given_means_all()
    {
        ScenarioSelection.Select(All, ["play-basic"], ["robustness"]).Select(s => s.Name)
            .Should().Contain("play-basic").And.Contain(n => n.StartsWith("robustness-", StringComparison.Ordinal));
        ScenarioSelection.Select(All, [], []).Should().HaveCount(All.Count);
    }

    [Test]
    public void An_unknown_name_or_tag_is_an_error_that_names_it()
    {
        var act = () => ScenarioSelection.Select(All, [], ["no-such-tag"]);
        act.Should().Throw<HarnessEnvironmentException>().WithMessage("*tag no-such-tag*");
        var named = () => ScenarioSelection.Select(All, ["no-such-scenario"], []);
        named.Should().Throw<HarnessEnvironmentException>().WithMessage("*no-such-scenario*");
    }
}
