using Rtsp.Harness.Analysis.Rtcp;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>
/// rtcp.sr.counts against what the capture shows sent before each SR, with one frame's packets plus those in flight as
/// tolerance (issue #13: GStreamer counts a frame's packets when its RTP session takes them, a few ms before the wire,
/// and was failed 9 times for it). Beyond the tolerance it is a SHOULD finding; halved or backwards counts still fail.
/// </summary>
public sealed class SenderReportCountTests
{
    [Test]
    public void An_sr_that_already_counts_the_next_frame_passes()
    {
        var session = new SyntheticSession(overTcp: false, frames: 200);
        int framePackets = AnalyzerFaultTests.FramePackets(session, 1).Count;
        // As GStreamer: the frame about to leave is in the count, none of its packets on the wire yet.
        session.EditSenderReport = r => r.PacketCount += (uint)framePackets;

        var counts = Counts(session);

        counts.Verdict.Should().Be(Verdict.Pass, counts.Evidence);
    }

    [Test]
    public void An_sr_while_the_stream_pauses_may_count_the_frame_that_never_left()
    {
        var session = new SyntheticSession(overTcp: true, frames: 200);
        // The first SR goes out ~1 s in; frames from 20 on come 1.5 s later (a pause), so nothing follows it within 100 ms:
        // only the frame tolerance can hold the frame it counted.
        AnalyzerFaultTests.Retime(session, f => f >= 20 ? AnalyzerFaultTests.FrameTime(session, f) + 1_500_000_000 : null);
        int framePackets = AnalyzerFaultTests.FramePackets(session, 1).Count;
        session.EditSenderReport = r => r.PacketCount += (uint)framePackets;

        var counts = Counts(session);

        counts.Verdict.Should().Be(Verdict.Pass, counts.Evidence);
    }

    [Test]
    public void An_sr_generated_a_frame_before_it_left_passes()
    {
        var session = new SyntheticSession(overTcp: true, frames: 200);
        int framePackets = AnalyzerFaultTests.FramePackets(session, 1).Count;
        session.EditSenderReport = r => r.PacketCount -= (uint)framePackets;

        Counts(session).Verdict.Should().Be(Verdict.Pass);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Halved_counts_fail_as_a_should_finding(bool overTcp)
    {
        var session = new SyntheticSession(overTcp, frames: 200) { EditSenderReport = r => r.PacketCount /= 2 };

        var counts = Counts(session);

        counts.Verdict.Should().Be(Verdict.Fail);
        counts.Check.Level.Should().Be(CheckLevel.Should);
        counts.Evidence.Should().Contain("far off");
    }

    [Test]
    public void Counts_two_frames_beyond_the_capture_fail()
    {
        var session = new SyntheticSession(overTcp: true, frames: 200);
        int framePackets = AnalyzerFaultTests.FramePackets(session, 1).Count;
        // One frame for the tolerance, up to three for the packets within 100 ms (frames are 40 ms apart), then too many.
        session.EditSenderReport = r => r.PacketCount += (uint)(5 * framePackets);

        Counts(session).Verdict.Should().Be(Verdict.Fail);
    }

    [Test]
    public void Counts_above_the_capture_are_inconclusive_when_the_harness_lost_packets_itself()
    {
        var session = new SyntheticSession(overTcp: false, frames: 200) { EditSenderReport = r => r.PacketCount += 40 };
        var input = session.ToInput() with
        {
            HarnessDrops = [new Harness.Analysis.HarnessDrop(SyntheticSession.Start, SyntheticSession.Start + 2_000_000_000, 40, "udp socket 127.0.0.1:50000")],
        };

        var counts = MediaAnalysis.Run(input).Results.Single(r => r.Check.Id == RtcpAnalyzer.Counts.Id);

        counts.Verdict.Should().NotBe(Verdict.Fail);
        counts.Evidence.Should().Contain("the capture lost 40 packet(s) itself");
    }

    private static CheckResult Counts(SyntheticSession session) =>
        MediaAnalysis.Run(session.ToInput()).Results.Single(r => r.Check.Id == RtcpAnalyzer.Counts.Id);
}
