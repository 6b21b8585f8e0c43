using System.Text;
using FluentAssertions;
using Rtsp.Harness.Analysis.Rtsp;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Scenarios.Steps;

namespace Rtsp.Harness.Tests.Runner;

/// <summary>How the runner judges responses and media windows, on bytes and packet lists in memory.</summary>
public sealed class JudgementTests
{
    private const long Ms = 1_000_000;

    private static ReceivedResponse Response(string text) => ReceivedResponse.Parse(Encoding.ASCII.GetBytes(text), 0);

    private static Expectation Expect(int[] statuses, params HeaderExpectation[] headers) =>
        new([.. statuses.Select(s => new StatusRange(s, s))], headers, [], [], false, false, "rtsp.status.454", 7);

    [Test]
    public void A_matching_response_passes_its_check_quoting_the_header()
    {
        var result = ExpectationEvaluator.Evaluate(Expect([454], new HeaderExpectation("cseq", HeaderRule.Equals, "3")), RtspChecks.Status454,
            Response("RTSP/1.0 454 Session Not Found\r\nCSeq: 3\r\n\r\n"), "PLAY (line 7)", TimeSpan.FromSeconds(5));
        result.Verdict.Should().Be(Verdict.Pass);
        result.Evidence.Should().Be("PLAY (line 7): \"RTSP/1.0 454 Session Not Found\" (cseq: 3)");
    }

    [Test]
    public void A_wrong_status_and_a_missing_header_fail_with_both_named()
    {
        var result = ExpectationEvaluator.Evaluate(Expect([454], new HeaderExpectation("Session", HeaderRule.Present, null)), RtspChecks.Status454,
            Response("RTSP/1.0 200 OK\r\nCSeq: 3\r\n\r\n"), "PLAY (line 7)", TimeSpan.FromSeconds(5));
        result.Verdict.Should().Be(Verdict.Fail);
        result.Evidence.Should().Contain("status 200, expected 454").And.Contain("Session absent");
    }

    [Test]
    public void No_response_fails_unless_none_was_expected()
    {
        var expectNone = Expect([]) with { NoResponse = true };
        ExpectationEvaluator.Evaluate(Expect([200]), RtspChecks.ScenarioExpect, null, "OPTIONS", TimeSpan.FromSeconds(2)).Verdict.Should().Be(Verdict.Fail);
        ExpectationEvaluator.Evaluate(expectNone, RtspChecks.ScenarioExpect, null, "raw", TimeSpan.FromSeconds(2)).Verdict.Should().Be(Verdict.Pass);
        ExpectationEvaluator.Evaluate(expectNone, RtspChecks.ScenarioExpect, Response("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n"), "raw", TimeSpan.FromSeconds(2))
            .Verdict.Should().Be(Verdict.Fail);
    }

    [Test]
    public void Frames_are_counted_as_timestamp_changes_not_marker_bits()
    {
        var packets = new List<MediaPacketEntry>
        {
            new(0, 1, 1000, 7, false), new(1, 2, 1000, 7, false), new(2, 3, 4600, 7, false), new(3, 4, 8200, 7, false), new(4, 5, 8200, 7, true),
        };
        MediaWindowJudge.CountFrames(packets).Should().Be(3);
    }

    [Test]
    public void A_window_with_too_few_frames_fails_and_silence_is_judged_after_the_grace_time()
    {
        var frames = new ExpectRtpStep(9, "main", TimeSpan.FromSeconds(1), FrameCount.Exactly(20), null, false, TimeSpan.Zero, false, "scenario.media");
        var tenFrames = Enumerable.Range(0, 10).Select(i => new MediaPacketEntry(i * 40 * Ms, (ushort)i, (uint)(i * 3600), 7, true)).ToList();
        MediaWindowJudge.JudgeWindow(frames, RtspChecks.ScenarioMedia, tenFrames, 0).Evidence.Should().Contain("10 frame(s)").And.Contain("fewer than 20");

        var silence = new ExpectRtpStep(9, "main", TimeSpan.FromSeconds(1), null, null, true, TimeSpan.FromMilliseconds(300), false, "scenario.media");
        var inGrace = new List<MediaPacketEntry> { new(100 * Ms, 1, 0, 7, true) };
        MediaWindowJudge.JudgeWindow(silence, RtspChecks.ScenarioMedia, inGrace, 0).Verdict.Should().Be(Verdict.Pass);
        var late = new List<MediaPacketEntry> { new(100 * Ms, 1, 0, 7, true), new(400 * Ms, 2, 3600, 7, true) };
        MediaWindowJudge.JudgeWindow(silence, RtspChecks.ScenarioMedia, late, 0).Evidence.Should().Contain("1 RTP packet(s) after the 300 ms grace time; first seq 2 at +400 ms");
    }

    [Test]
    public void Pause_silence_windows_only_mark_the_wait_the_silence_analyzer_is_the_one_judge()
    {
        var silence = new ExpectRtpStep(9, "main", TimeSpan.FromSeconds(1), null, null, true, TimeSpan.FromMilliseconds(300), false, "rtsp.pause.silence");
        var late = new List<MediaPacketEntry> { new(100 * Ms, 1, 0, 7, true), new(400 * Ms, 2, 3600, 7, true) };
        var marked = MediaWindowJudge.JudgeWindow(silence, RtspChecks.PauseSilence, late, 0);
        marked.Verdict.Should().Be(Verdict.NotApplicable);
        marked.Evidence.Should().Contain("judged by the media analysis from the PAUSE response");
    }

    [TestCase((ushort)101, Verdict.Pass)]
    [TestCase((ushort)65535, Verdict.Fail)] // seq went back
    [TestCase((ushort)105, Verdict.Fail)] // packets skipped
    public void Resume_continues_seq_plus_one(ushort firstSeq, Verdict expected)
    {
        var last = new MediaPacketEntry(0, 100, 50_000, 7, true);
        var first = new MediaPacketEntry(2_000 * Ms, firstSeq, 53_600, 7, false);
        MediaWindowJudge.JudgeResume(last, first, 25).Single(r => r.Check.Id == "rtsp.pause.resume").Verdict.Should().Be(expected);
    }

    [TestCase(3600u, Verdict.Pass)]
    [TestCase(90000u, Verdict.Fail)] // the clock ran with the wall clock: a design choice, ADVISORY
    public void The_rtp_clock_over_a_pause_is_advisory_and_does_not_fail_the_resume(uint tsStep, Verdict expected)
    {
        var last = new MediaPacketEntry(0, 100, 50_000, 7, true);
        var first = new MediaPacketEntry(2_000 * Ms, 101, 50_000 + tsStep, 7, false);
        var results = MediaWindowJudge.JudgeResume(last, first, 25);
        results.Single(r => r.Check.Id == "rtsp.pause.resume").Verdict.Should().Be(Verdict.Pass);
        var clock = results.Single(r => r.Check.Id == "rtsp.pause.resume-clock");
        clock.Verdict.Should().Be(expected);
        clock.Check.Level.Should().Be(CheckLevel.Advisory);
    }

    [Test]
    public void A_seq_gap_over_datagrams_the_harness_dropped_is_inconclusive_not_a_failure()
    {
        var last = new MediaPacketEntry(0, 100, 50_000, 7, true);
        var first = new MediaPacketEntry(2_000 * Ms, 104, 53_600, 7, false);
        MediaWindowJudge.JudgeResume(last, first, 25, harnessDropped: 3).Single(r => r.Check.Id == "rtsp.pause.resume").Verdict.Should().Be(Verdict.NotApplicable);
        MediaWindowJudge.JudgeResume(last, first, 25, harnessDropped: 2).Single(r => r.Check.Id == "rtsp.pause.resume").Verdict.Should().Be(Verdict.Fail);
    }

    [Test]
    public void Seq_wraps_around_at_65536_on_resume()
    {
        MediaWindowJudge.JudgeResume(new MediaPacketEntry(0, 65535, 10, 7, true), new MediaPacketEntry(Ms, 0, 3610, 7, false), 25)
            .Should().OnlyContain(r => r.Verdict == Verdict.Pass);
    }

    [Test]
    public void One_verdict_per_check_a_failure_anywhere_wins_and_lists_its_evidence()
    {
        var merged = CheckAggregation.Merge(
        [
            new CheckResult(RtspChecks.CSeqEcho, Verdict.Pass, "ok 1"),
            new CheckResult(RtspChecks.CSeqEcho, Verdict.Fail, "bad 2", [12]),
            new CheckResult(RtspChecks.CSeqEcho, Verdict.Fail, "bad 3", [15]),
            new CheckResult(RtspChecks.SdpRange, Verdict.NotApplicable, "no SDP"),
        ]);
        merged.Should().HaveCount(2);
        merged[0].Should().BeEquivalentTo(new CheckResult(RtspChecks.CSeqEcho, Verdict.Fail, "bad 2 | bad 3", [12, 15]));
        merged[1].Verdict.Should().Be(Verdict.NotApplicable);
    }

    [Test]
    public void Placeholders_fill_from_the_target_and_the_session_and_cseq_advances()
    {
        var target = TargetInfo.Parse("rtsp://127.0.0.1:8554/sample.mjpeg");
        using var session = new SessionContext("main", target, TimeSpan.FromSeconds(1), ClientPortRange.Random(), new PacketRecorder(), _ => { })
        {
            SessionId = "abc123",
            NextCSeq = 5,
        };
        Placeholders.Fill("{base}x {host}:{port} {session} {cseq} {cseq} {unknown}", target, session)
            .Should().Be("rtsp://127.0.0.1:8554/x 127.0.0.1:8554 abc123 5 6 {unknown}");
    }
}
