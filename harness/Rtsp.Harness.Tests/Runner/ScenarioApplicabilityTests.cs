using FluentAssertions;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Tests.Runner;

/// <summary>A scenario the target's length, kind or credentials cannot serve is not applicable, with the reason.</summary>
public sealed class ScenarioApplicabilityTests
{
    private static readonly ScenarioLoader Loader = new(HarnessRun.Catalogue.Select(c => c.Id).ToHashSet());

    private static TargetInfo Stored(double length, Credentials? credentials = null) =>
        TargetInfo.Parse("rtsp://127.0.0.1:8554/clip.mjpeg", credentials: credentials) with
        {
            Presentation = new TargetPresentation(PresentationKind.Stored, $"a=range:npt=0-{length}") { Length = length },
        };

    private static Scenario Load(string steps, string header = "") =>
        Loader.Load($"name: x\ndescription: y\n{header}steps:\n{steps}", "x.yaml");

    [Test]
    public void A_seek_before_the_start_of_a_short_presentation_is_not_applicable()
    {
        var seek = Load("  - play: { range: npt=end-4s- }\n");

        ScenarioApplicability.Unmet(seek, Stored(10)).Should().BeNull();
        ScenarioApplicability.Unmet(seek, Stored(3.5)).Should().Be(
            "PLAY npt=end-4s- (line 4): range npt=end-4s- falls before the start of a 3.5 s presentation: it needs a longer one");
    }

    [Test]
    public void A_relative_seek_inside_a_repeat_needs_a_length_too()
    {
        var seek = Load("  - repeat: { times: 2, steps: [ { play: { range: npt=50%- } } ] }\n");
        var unknown = TargetInfo.Parse("rtsp://127.0.0.1:8554/x") with { Presentation = TargetPresentation.Unknown("the SDP has no a=range") };

        ScenarioApplicability.Unmet(seek, unknown).Should().Contain("needs the presentation's length");
    }

    [Test]
    public void Min_duration_compares_with_a_stored_length_only()
    {
        var long_ = Load("  - play: { range: npt=0- }\n", "min_duration: 7s\n");

        ScenarioApplicability.Unmet(long_, Stored(4)).Should().Be(
            "needs a presentation of at least 7 s (min_duration); the target's is 4 s (a=range:npt=0-4)");
        ScenarioApplicability.Unmet(long_, Stored(14)).Should().BeNull();
        var live = TargetInfo.Parse("rtsp://127.0.0.1:8554/live") with { Presentation = new TargetPresentation(PresentationKind.Live, "a=range:npt=now-") };
        ScenarioApplicability.Unmet(long_, live).Should().BeNull("a live presentation does not end");
    }

    [Test]
    public void The_run_credentials_are_needed_only_by_steps_that_use_them()
    {
        var auth = Load("  - describe: { auth: wrong }\n");

        ScenarioApplicability.Unmet(auth, Stored(10)).Should().Contain("pass --user and --password");
        ScenarioApplicability.Unmet(auth, Stored(10, new Credentials("u", "p"))).Should().BeNull();
        ScenarioApplicability.Unmet(Load("  - describe: { auth: none }\n"), Stored(10)).Should().BeNull();
    }
}
