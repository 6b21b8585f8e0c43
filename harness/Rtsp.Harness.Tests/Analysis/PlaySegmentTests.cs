using Rtsp.Harness.Analysis;
using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>
/// Play segments start where the data shows the new position (RTP-Info seq, else the first discontinuity after the PLAY
/// response), not at the PLAY request's time: packets of the old position still in flight after a seek belong to the old
/// segment (issue #13: GStreamer over TCP failed rtp.seq.continuity and rtp.ts.monotonic on its own clean seeks), while a
/// real discontinuity inside a segment still fails.
/// </summary>
public sealed class PlaySegmentTests
{
    private const ushort SeekSeq = 30000;
    private const uint SeekTimestamp = 50_000;

    [TestCase(false)]
    [TestCase(true)]
    public void Packets_in_flight_from_the_old_position_after_a_seek_are_not_judged_against_the_new_one(bool overTcp)
    {
        var session = SeekBackAtFrame(overTcp, frame: 62, requestBeforeFrame: 60, rtpInfo: true);

        var results = MediaAnalysis.Run(session.ToInput()).Results;

        Verdict(results, "rtp.ts.monotonic").Should().Be(Checks.Verdict.Pass);
        Verdict(results, "rtp.rtpinfo.match").Should().Be(Checks.Verdict.Pass);
        Verdict(results, overTcp ? "rtp.seq.continuity" : "rtp.seq.loss").Should().Be(Checks.Verdict.Pass);
        var timeline = FrameTimeline.Of(MediaStreams.Of(session.ToInput())[0], session.ToInput().Events);
        timeline.Segments.Should().HaveCount(2);
    }

    [Test]
    public void The_cut_is_at_the_announced_seq_not_at_the_request_time()
    {
        var session = SeekBackAtFrame(overTcp: true, frame: 62, requestBeforeFrame: 60, rtpInfo: true);
        var input = session.ToInput();

        var timeline = FrameTimeline.Of(MediaStreams.Of(input)[0], input.Events);

        var cut = timeline.Cuts.Should().ContainSingle().Subject;
        cut.Value.Reason.Should().Be(SegmentCutReason.AnnouncedSeq);
        timeline.Segments[1][0].Packets[0].Rtp.SequenceNumber.Should().Be(SeekSeq);
        timeline.Segments[0][^1].Packets[0].Rtp.Timestamp.Should().Be(SyntheticSession.FirstTimestamp + 61 * 3600, "frames 60 and 61 arrived after the request but are of the old position");
    }

    [Test]
    public void Without_rtp_info_the_first_discontinuity_after_the_play_response_starts_the_segment()
    {
        var session = SeekBackAtFrame(overTcp: true, frame: 62, requestBeforeFrame: 60, rtpInfo: false);

        var results = MediaAnalysis.Run(session.ToInput()).Results;

        Verdict(results, "rtp.ts.monotonic").Should().Be(Checks.Verdict.Pass);
        var input = session.ToInput();
        FrameTimeline.Of(MediaStreams.Of(input)[0], input.Events).Cuts.Values.Should().ContainSingle(c => c.Reason == SegmentCutReason.Discontinuity);
    }

    [Test]
    public void Without_rtp_info_a_sequence_break_wins_over_a_small_timestamp_step_back_before_it()
    {
        // Decoding order (B-frames) steps back a frame or two all the time: frame 61 stamped before frame 60, both of the
        // old position and after the request. The new position is where the sequence breaks (frame 62), not there.
        var session = SeekBackAtFrame(overTcp: true, frame: 62, requestBeforeFrame: 60, rtpInfo: false);
        foreach (var packet in session.Rtp.Where(p => p.Frame is 60 or 61))
        {
            packet.Packet.Timestamp = SyntheticSession.FirstTimestamp + (uint)((packet.Frame == 60 ? 61 : 60) * 3600);
        }

        var input = session.ToInput();
        var timeline = FrameTimeline.Of(MediaStreams.Of(input)[0], input.Events);

        timeline.Cuts.Values.Should().ContainSingle(c => c.Reason == SegmentCutReason.Discontinuity);
        timeline.Segments[^1][0].Packets[0].Rtp.SequenceNumber.Should().Be(SeekSeq);
        Verdict(MediaAnalysis.Run(input).Results, "rtp.seq.continuity").Should().Be(Checks.Verdict.Pass);
    }

    [Test]
    public void A_second_discontinuity_inside_the_new_segment_still_fails()
    {
        var session = SeekBackAtFrame(overTcp: true, frame: 62, requestBeforeFrame: 60, rtpInfo: true);
        // 3 s after the seek the timestamps step back again and the seq jumps: nothing announced it.
        foreach (var packet in session.Rtp.Where(p => p.Frame >= 140))
        {
            packet.Packet.Timestamp -= 3600 * 5;
            packet.Packet.SequenceNumber += 7;
        }

        var results = MediaAnalysis.Run(session.ToInput()).Results;

        Verdict(results, "rtp.ts.monotonic").Should().Be(Checks.Verdict.Fail);
        Verdict(results, "rtp.seq.continuity").Should().Be(Checks.Verdict.Fail);
    }

    [Test]
    public void A_discontinuity_long_after_a_play_without_rtp_info_is_not_taken_for_its_segment_start()
    {
        var session = new SyntheticSession(overTcp: true, frames: 200) { RtpInfo = "url=rtsp://127.0.0.1:8554/clip/track1" };
        foreach (var packet in session.Rtp.Where(p => p.Frame >= 150))
        {
            packet.Packet.Timestamp -= 3600 * 5;
        }

        var results = MediaAnalysis.Run(session.ToInput()).Results;

        Verdict(results, "rtp.ts.monotonic").Should().Be(Checks.Verdict.Fail);
    }

    /// <summary>
    /// A seek back to the clip's start: the PLAY request leaves before frame <paramref name="requestBeforeFrame"/>, the old
    /// position keeps arriving until frame <paramref name="frame"/>, then seq jumps to <see cref="SeekSeq"/> and the
    /// timestamps restart low (backwards).
    /// </summary>
    private static SyntheticSession SeekBackAtFrame(bool overTcp, int frame, int requestBeforeFrame, bool rtpInfo)
    {
        var session = new SyntheticSession(overTcp, frames: 150);
        var moved = session.Rtp.Where(p => p.Frame >= frame).ToList();
        for (int i = 0; i < moved.Count; i++)
        {
            moved[i].Packet.SequenceNumber = (ushort)(SeekSeq + i);
            moved[i].Packet.Timestamp = SeekTimestamp + (uint)((moved[i].Frame - frame) * 3600);
        }

        long request = AnalyzerFaultTests.FrameTime(session, requestBeforeFrame) - 5_000_000;
        (string, string)[] headers = rtpInfo
            ? [("RTP-Info", $"url=rtsp://127.0.0.1:8554/clip/track1;seq={SeekSeq};rtptime={SeekTimestamp}"), ("Range", "npt=0-")]
            : [("Range", "npt=0-")];
        session.ExtraEvents.Add(SyntheticSession.Event("PLAY", request, headers) with
        {
            RequestHeaders = [new("Session", "abc123"), new("Range", "npt=0-")],
        });
        return session;
    }

    private static Verdict Verdict(IReadOnlyList<CheckResult> results, string id) => results.Single(r => r.Check.Id == id).Verdict;
}
