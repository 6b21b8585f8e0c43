using FluentAssertions;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// How the clean-peers matrix sorts MUST failures (reports in memory): a listed deviation excuses only the failure it
/// names (peer or family, scenario, transport, check, evidence), anything else stays unlisted, and a listed deviation
/// that did not occur is reported as stale.
/// </summary>
public sealed class CleanPeerDeviationTests
{
    private static readonly CheckDefinition Status455 = new("rtsp.status.455", CheckLevel.Must, "RFC 2326 §11.3.6", "455");
    private static readonly CheckDefinition Status457 = new("rtsp.status.457", CheckLevel.Must, "RFC 2326 §11.3.8", "457");
    private static readonly CheckDefinition RangeShould = new("rtsp.play.range", CheckLevel.Should, "RFC 2326 §12.29", "Range");

    private static readonly CleanPeer GstAvi = new("gst-avi", CleanPeer.Gstreamer, "test", _ => throw new InvalidOperationException());
    private static readonly CleanPeer Reference = new("ref", CleanPeer.Reference, "test", _ => throw new InvalidOperationException());

    private static readonly CleanPeerDeviation Listed455 =
        new(CleanPeer.Gstreamer, "status-455-play-before-setup", null, "rtsp.status.455", "status 454", "454 Session Not Found", "sentence");

    [Test]
    public void A_listed_deviation_excuses_its_failure_on_every_configuration_of_its_family_and_both_transports()
    {
        var run = Run(GstAvi, [Listed455], ("status-455-play-before-setup", "udp", Status455, "status 454, expected 455"),
            ("status-455-play-before-setup", "tcp", Status455, "status 454, expected 455"));

        run.MustFailures.Should().HaveCount(2).And.OnlyContain(f => f.Deviation == Listed455);
        run.Unlisted.Should().BeEmpty();
        run.Stale.Should().BeEmpty();
    }

    [Test]
    public void Another_check_scenario_evidence_transport_or_server_is_not_excused()
    {
        var tcpOnly = Listed455 with { Transport = "tcp" };
        var run = Run(GstAvi, [tcpOnly],
            ("status-455-play-before-setup", "udp", Status455, "status 454, expected 455"),
            ("status-455-play-before-setup", "tcp", Status455, "status 400, expected 455"),
            ("status-455-pause-before-setup", "tcp", Status455, "status 454, expected 455"),
            ("status-457-invalid-range", "tcp", Status457, "status 454, expected 457"));

        run.Unlisted.Should().HaveCount(4);
        run.Stale.Should().Equal(tcpOnly);
        Run(Reference, [Listed455], ("status-455-play-before-setup", "udp", Status455, "status 454, expected 455"))
            .Unlisted.Should().ContainSingle("a GStreamer deviation does not excuse the reference server");
    }

    [Test]
    public void Only_must_failures_count_and_the_line_names_scenario_transport_check_and_the_evidence_first_line()
    {
        var run = Run(GstAvi, [], ("play-basic", "udp", RangeShould, "no Range"), ("status-457-invalid-range", "udp", Status457, "status 200\nsecond line"));

        run.MustFailures.Select(f => f.ToString()).Should().Equal("status-457-invalid-range (udp): rtsp.status.457 [Must] status 200");
    }

    [Test]
    public void The_summary_marks_listed_failures_and_notes_the_entries_that_did_not_occur()
    {
        var stale = Listed455 with { Scenario = "status-455-pause-before-setup" };
        var run = Run(GstAvi, [Listed455, stale], ("status-455-play-before-setup", "tcp", Status455, "status 454, expected 455"),
            ("status-457-invalid-range", "udp", Status457, "status 200, expected 457"));

        var lines = CleanPeerMatrix.Describe(run).Split('\n');

        lines.Should().Contain("  [listed] status-455-play-before-setup (tcp): rtsp.status.455 [Must] status 454, expected 455")
            .And.Contain("  status-457-invalid-range (udp): rtsp.status.457 [Must] status 200, expected 457")
            .And.Contain(l => l.StartsWith("  note: listed deviation did not occur as a MUST failure: gstreamer: status-455-pause-before-setup", StringComparison.Ordinal));
        lines[0].Should().Contain("2 MUST failures (1 listed), 0 errors");
    }

    [Test]
    public void The_table_excuses_gstreamers_400_for_an_unknown_method_once_rtsp_status_501_is_judged_as_must()
    {
        var mustLevel = new CheckDefinition("rtsp.status.501", CheckLevel.Must, "RFC 2326 §10", "501");
        // The evidence GStreamer 1.22 produced in the baseline run.
        var run = Run(GstAvi, CleanPeerDeviations.All,
            ("status-501-unknown-method", "udp", mustLevel, "FROBNICATE (line 5): \"RTSP/1.0 400 Bad Request\": status 400, expected 501"));

        run.Unlisted.Should().BeEmpty();
        run.MustFailures.Single().Deviation!.Sentence.Should().Contain("MUST return \"501 Not Implemented\"");
    }

    private static CleanPeerRun Run(CleanPeer peer, IReadOnlyList<CleanPeerDeviation> deviations, params (string Scenario, string Transport, CheckDefinition Check, string Evidence)[] failures)
    {
        var scenarios = failures.Select(f => new ScenarioRun(
            f.Scenario, f.Scenario, f.Transport, ScenarioOutcome.Fail, null, [],
            new AnalysisResult([new CheckResult(f.Check, Verdict.Fail, f.Evidence)], new Dictionary<string, IReadOnlyList<SeriesPoint>>(), null, null),
            null, 0, TimeSpan.Zero)).ToList();
        var report = new RunReport("run", "rtsp://127.0.0.1/", DateTimeOffset.UnixEpoch, TimeSpan.Zero, "socket", [], scenarios);
        return new CleanPeerRun(peer, report, null, null, TimeSpan.Zero) { Deviations = deviations };
    }
}
