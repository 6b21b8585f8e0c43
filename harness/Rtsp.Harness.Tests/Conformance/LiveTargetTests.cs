using FluentAssertions;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// Scenarios that need live media against an external target: run on <c>--live-target</c>, on the target itself when
/// it is live, and not applicable (saying what to pass) otherwise — never a DESCRIBE of a path only our server has.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class LiveTargetTests
{
    private ServerProcess server = null!;

    [OneTimeSetUp]
    public void StartServer() => server = ReferenceServer.Start(HarnessRuns.Root, [], []);

    [OneTimeTearDown]
    public void StopServer() => server.Dispose();

    private string Url(string path) => new Uri(server.BaseUrl, path).ToString();

    private RunReport Run(string target, Func<RunOptions, RunOptions> configure, params string[] scenarios) =>
        HarnessRuns.Run(HarnessRuns.Named(scenarios), $"live-target-{HarnessRuns.Stamp()}-{Guid.NewGuid():N}"[..40], Path.Combine(HarnessRuns.Root, "reports", "live-target"),
            target: target, transports: ["udp"], configure: o => configure(o with { Capture = CaptureMode.Socket }));

    [Test]
    public void A_stored_target_without_a_live_target_makes_the_live_scenarios_not_applicable()
    {
        var report = Run(Url(ReferenceServer.SamplePath), o => o, "describe-live", "seek-live");

        report.Scenarios.Should().HaveCount(2).And.OnlyContain(s => s.Outcome == ScenarioOutcome.NotApplicable &&
            s.ErrorMessage == "needs a live presentation: pass --live-target URL (the target is stored media (a=range:npt=0-10))");
    }

    [Test]
    [CancelAfter(2 * 60 * 1000)]
    public void With_a_live_target_the_live_scenarios_run_on_it()
    {
        var report = Run(Url(ReferenceServer.SamplePath), o => o with { LiveTarget = Url(ReferenceServer.LivePath) }, "describe-live", "seek-live", "play-basic");

        HarnessRuns.Failures(report, r => r.Check.Level == Checks.CheckLevel.Must).Should().BeEmpty();
        report.Scenarios.Should().OnlyContain(s => s.Outcome == ScenarioOutcome.Pass);
        report.Presentation.Should().Contain($"Live target {Url(ReferenceServer.LivePath)}: live media (a=range:npt=now-)");
        report.Scenarios.Single(s => s.Scenario == "describe-live").Transcript
            .Should().Contain(t => t.Text.StartsWith($"DESCRIBE {Url(ReferenceServer.LivePath)} RTSP/1.0", StringComparison.Ordinal));
        report.Scenarios.Single(s => s.Scenario == "play-basic").Transcript
            .Should().Contain(t => t.Text.StartsWith($"DESCRIBE {Url(ReferenceServer.SamplePath)} RTSP/1.0", StringComparison.Ordinal), "the other scenarios keep the target");
    }

    [Test]
    [CancelAfter(2 * 60 * 1000)]
    public void A_live_target_serves_the_live_scenarios_itself_and_the_stored_ones_do_not_apply()
    {
        var report = Run(Url(ReferenceServer.LivePath), o => o, "describe-live", "seek-forward");

        report.Scenarios.Single(s => s.Scenario == "describe-live").Outcome.Should().Be(ScenarioOutcome.Pass);
        report.Scenarios.Single(s => s.Scenario == "seek-forward").ErrorMessage.Should().Be("needs stored-media; the target is live media (a=range:npt=now-)");
    }

    [Test]
    public void A_live_target_that_cannot_be_described_is_a_usage_error()
    {
        var act = () => Run(Url(ReferenceServer.SamplePath), o => o with { LiveTarget = Url("live/none") }, "describe-live");

        act.Should().Throw<TargetUnreachableException>().WithMessage($"DESCRIBE {Url("live/none")} answered \"RTSP/1.0 404 Not Found\": is the path right?*");
    }
}
