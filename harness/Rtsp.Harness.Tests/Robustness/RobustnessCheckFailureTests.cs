using FluentAssertions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Tests.Conformance;

namespace Rtsp.Harness.Tests.Robustness;

/// <summary>
/// Every robust.* check shown to fail, with the evidence a reader needs. robust.collateral fails against the reference
/// server with a fault switch (seq-gap: the healthy session loses packets). No switch of the reference server makes it
/// parse per TCP read, accept garbage, obey destination= or keep dripping connections open, so the other checks fail
/// against <see cref="NaiveRtspServer"/>, a tiny raw-socket server in this test project.
/// </summary>
[Category("Integration")]
public sealed class RobustnessCheckFailureTests
{
    public sealed record FailureCase(string Check, string Yaml, string EvidenceContains, bool DieOnNul = false, int? MaxSessions = null)
    {
        public override string ToString() => Check;
    }

    private const string Describe = "  - describe:\n";

    private static IEnumerable<FailureCase> NaiveServerCases()
    {
        yield return new("robust.split",
            "  - split: { send: \"OPTIONS {target} RTSP/1.0\\r\\nCSeq: {cseq}\\r\\n\\r\\n\", at: [5], pause: 10ms, wait: 300ms }\n" +
            "  - bytewise: { send: \"OPTIONS {target} RTSP/1.0\\r\\nCSeq: {cseq}\\r\\n\\r\\n\", interval: 1ms, wait: 300ms }\n",
            "no answer within 0.3 s");
        yield return new("robust.line-endings",
            "  - raw: { send: \"OPTIONS {target} RTSP/1.0\\nCSeq: 51\\n\\n\", expect: { status: 200, check: robust.line-endings } }\n",
            "no response");
        yield return new("robust.pipeline",
            "  - pipeline: { send: \"OPTIONS {target} RTSP/1.0\\r\\nCSeq: {cseq}\\r\\n\\r\\n\", count: 3, wait: 500ms }\n",
            "1 answered in order");
        yield return new("robust.malformed",
            "  - malformed: { label: CSeq that is not a number, send: \"OPTIONS {target} RTSP/1.0\\r\\nCSeq: abc\\r\\n\\r\\n\", within: 500ms }\n",
            "ACCEPTED");
        yield return new("robust.oversize", "  - oversize: { content_length: 2147483648, within: 500ms }\n", "ACCEPTED");
        yield return new("robust.transport.ports",
            Describe + "  - setup: { transport_header: \"RTP/AVP;unicast;client_port=0\", expect: { status: [400, 461], check: robust.transport.ports } }\n",
            "client_port=0");
        yield return new("robust.reflection", Describe + "  - reflection: { observe: 300ms }\n", "reached the third party 127.0.0.2");
        yield return new("robust.takeover.address",
            Describe + "  - setup:\n  - play: { range: npt=0- }\n  - takeover: { method: PAUSE, from: address, observe: 200ms }\n", "from 127.0.0.2");
        yield return new("robust.takeover.connection",
            Describe + "  - setup:\n  - play: { range: npt=0- }\n  - takeover: { method: TEARDOWN, from: connection, observe: 200ms }\n", "\"RTSP/1.0 200 OK\"");
        yield return new("robust.limit.sessions", Describe + "  - session_flood: { sessions: 5 }\n", "without a 453 or 503");
        yield return new("robust.session.ids", Describe + "  - session_flood: { sessions: 3 }\n", "handed out more than once: 1234ABCD");
        yield return new("robust.limit.others", Describe + "  - session_flood: { sessions: 5 }\n", "locked out", MaxSessions: 3);
        yield return new("robust.slowloris", "  - slowloris: { connections: 2, interval: 200ms, duration: 1s }\n", "2 still open");
        yield return new("robust.alive",
            "  - malformed: { label: NUL byte, send: \"OPTIONS {target}\\0 RTSP/1.0\\r\\nCSeq: 1\\r\\n\\r\\n\", within: 500ms }\n" +
            "  - pipeline: { send: \"OPTIONS {target} RTSP/1.0\\r\\nCSeq: {cseq}\\r\\n\\r\\n\", count: 2 }\n",
            "a new connection was refused", DieOnNul: true);
    }

    [TestCaseSource(nameof(NaiveServerCases))]
    [CancelAfter(60 * 1000)]
    public void The_check_fails_against_a_naive_server(FailureCase @case)
    {
        using var server = new NaiveRtspServer(@case.DieOnNul, @case.MaxSessions);
        var scenario = RobustnessRuns.Inline($"name: naive-{@case.Check.Replace('.', '-')}\ndescription: {@case.Check} against a naive server\nsteps:\n{@case.Yaml}");

        var report = RobustnessRuns.Quick([scenario], $"naive-{@case.Check}", server.Url);

        HarnessRuns.Errors(report).Should().BeEmpty("a naive server is judged, not a harness error");
        var finding = RobustnessRuns.Finding(report, @case.Check);
        TestContext.Out.WriteLine($"{@case.Check} [{finding.Check.Level}]: {finding.Evidence}");
        finding.Evidence.Should().Contain(@case.EvidenceContains);
        if (@case.DieOnNul)
        {
            // The step after the crash cannot connect: the scenario stops with that said, judged, not an error.
            report.Scenarios.Single().ErrorMessage.Should().Contain("no longer accepts connections");
        }
    }

    [Test]
    [CancelAfter(2 * 60 * 1000)]
    public void Collateral_damage_fails_when_the_healthy_session_loses_packets()
    {
        var scenario = RobustnessRuns.Inline("""
            name: collateral-seq-gap
            description: a healthy session beside one malformed request, on a server that skips a sequence number every 50 packets
            healthy: udp
            steps:
              - malformed: { label: NUL byte, send: "OPTIONS {target}\0 RTSP/1.0\r\nCSeq: 1\r\n\r\n" }
            """);

        var report = RobustnessRuns.Quick([scenario], "collateral-seq-gap", faults: ["seq-gap"]);

        HarnessRuns.Errors(report).Should().BeEmpty();
        var finding = RobustnessRuns.Finding(report, "robust.collateral");
        TestContext.Out.WriteLine(finding.Evidence);
        finding.Metrics!["lost"].Should().BeGreaterThan(0);
        finding.Evidence.Should().MatchRegex("[1-9][0-9]* lost");
        RobustnessRuns.Verdicts(report, "robust.malformed").Should().OnlyContain(r => r.Verdict == Verdict.Pass);
    }
}
