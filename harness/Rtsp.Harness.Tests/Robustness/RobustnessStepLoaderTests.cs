using FluentAssertions;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Scenarios.Steps;

namespace Rtsp.Harness.Tests.Robustness;

/// <summary>The robustness step kinds and <c>healthy:</c> load from YAML, and a wrong one is a load error naming the line.</summary>
public sealed class RobustnessStepLoaderTests
{
    private static Scenario Load(string steps, string head = "") =>
        new ScenarioLoader().Load($"name: t\ndescription: d\n{head}steps:\n{steps}", "t.yaml");

    [Test]
    public void Every_kind_loads_with_its_defaults()
    {
        var scenario = Load("""
              - split: { send: "OPTIONS {target} RTSP/1.0\r\n\r\n", at: [3, 9] }
              - bytewise: { send: "x" }
              - pipeline: { send: "x", count: 300 }
              - malformed: { label: nul, send: "a\0b", accept: [4xx, 505] }
              - oversize: { header_count: 5000 }
              - slowloris: { connections: 4, duration: 3s }
              - session_flood: { sessions: 200 }
              - takeover: { method: TEARDOWN, from: connection }
              - reflection:
                  observe: 1s
            """, "healthy: tcp\n");

        scenario.Healthy.Should().Be("tcp");
        scenario.Steps.Should().AllBeAssignableTo<RobustnessStep>();
        scenario.Steps[0].Should().BeOfType<SplitStep>().Which.Positions.Should().Equal(3, 9);
        scenario.Steps[3].Should().BeOfType<MalformedStep>().Which.Send.Should().Be("a\0b");
        ((MalformedStep)scenario.Steps[3]).Accept.Should().Equal(new StatusRange(400, 499), new StatusRange(505, 505));
        scenario.Steps[4].Should().BeOfType<OversizeStep>().Which.Kind.Should().Be(OversizeKind.HeaderCount);
        scenario.Steps[5].Should().BeOfType<SlowlorisStep>().Which.Interval.Should().Be(TimeSpan.FromSeconds(1));
        scenario.Steps[7].Should().BeOfType<TakeoverStep>().Which.CheckId.Should().Be("robust.takeover.connection");
        scenario.Steps.Select(s => ((RobustnessStep)s).CheckId).Should().Equal(
            "robust.split", "robust.split", "robust.pipeline", "robust.malformed", "robust.oversize", "robust.slowloris",
            "robust.limit.sessions", "robust.takeover.connection", "robust.reflection");
    }

    [TestCase("  - oversize: { header_count: 5, uri_bytes: 9 }\n", "exactly one of")]
    [TestCase("  - slowloris: { interval: 5s, duration: 2s }\n", "shorter than 'duration'")]
    [TestCase("  - takeover: { method: DESCRIBE }\n", "must be PLAY, PAUSE")]
    [TestCase("  - session_flood: { sessions: 5000 }\n", "from 1 to 1000")]
    [TestCase("  - malformed: { send: x }\n", "needs 'label'")]
    [TestCase("  - split: { send: x, at: every, colour: red }\n", "unknown key 'colour'")]
    public void A_wrong_step_is_a_load_error_naming_its_line(string steps, string problem)
    {
        var load = () => Load(steps);
        load.Should().Throw<ScenarioLoadException>().Which.Message.Should().Contain(problem).And.Contain("t.yaml:4");
    }

    [Test]
    public void Healthy_must_name_a_transport()
    {
        var load = () => Load("  - wait: 1s\n", "healthy: sctp\n");
        load.Should().Throw<ScenarioLoadException>().Which.Message.Should().Contain("udp or tcp");
    }
}
