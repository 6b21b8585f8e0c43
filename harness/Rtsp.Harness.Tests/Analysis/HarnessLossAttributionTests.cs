using Rtsp.Harness.Analysis;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>
/// A packet the harness lost itself (its socket's full buffer, libpcap, its recorder's limit) is not the server's loss:
/// verdicts that need it are inconclusive (not applicable, with the count in the evidence), and rtp.seq.loss judges UDP
/// loss only when the harness lost nothing meanwhile.
/// </summary>
public sealed class HarnessLossAttributionTests
{
    [Test]
    public void Udp_loss_fails_when_the_harness_dropped_nothing()
    {
        var session = new SyntheticSession(overTcp: false);
        session.Rtp.RemoveAll(p => p.Frame == 30);

        Result(session.ToInput(), "rtp.seq.loss").Verdict.Should().Be(Verdict.Fail);
    }

    [Test]
    public void Udp_loss_is_inconclusive_when_the_harness_socket_dropped_datagrams_meanwhile()
    {
        var session = new SyntheticSession(overTcp: false);
        session.Rtp.RemoveAll(p => p.Frame == 30);
        var input = session.ToInput() with { HarnessDrops = [Drop(session, 29, 31, 9)] };

        var loss = Result(input, "rtp.seq.loss");

        loss.Verdict.Should().Be(Verdict.NotApplicable);
        loss.Evidence.Should().Contain("the capture lost 9 packet(s) itself (udp socket 127.0.0.1:50000)");
    }

    [Test]
    public void A_lost_first_packet_after_play_makes_rtp_info_inconclusive_only_where_the_harness_dropped()
    {
        var session = new SyntheticSession(overTcp: false);
        session.Rtp.RemoveAt(0);
        Result(session.ToInput(), "rtp.rtpinfo.match").Verdict.Should().Be(Verdict.Fail);

        var input = session.ToInput() with { HarnessDrops = [Drop(session, 0, 1, 1)] };
        var match = Result(input, "rtp.rtpinfo.match");
        match.Verdict.Should().Be(Verdict.NotApplicable);
        match.Evidence.Should().Contain("inconclusive");
    }

    [Test]
    public void Drops_elsewhere_in_the_run_do_not_excuse_a_gap_over_tcp()
    {
        var session = new SyntheticSession(overTcp: true);
        session.Rtp.RemoveAll(p => p.Frame == 100);
        var input = session.ToInput() with { HarnessDrops = [Drop(session, 10, 11, 3)] };

        Result(input, "rtp.seq.continuity").Verdict.Should().Be(Verdict.Fail);
    }

    [Test]
    public void Possibly_lost_looks_only_at_the_stretch_asked_about()
    {
        var input = new SyntheticSession(overTcp: false).ToInput() with { HarnessDrops = [new HarnessDrop(100, 200, 2, "pcap")] };

        input.PacketsPossiblyLost(150, 160).Should().BeTrue();
        input.PacketsPossiblyLost(201, 300).Should().BeFalse();
        input.HarnessDropped.Should().Be(2);
    }

    private static HarnessDrop Drop(SyntheticSession session, int fromFrame, int toFrame, long count) =>
        new(AnalyzerFaultTests.FrameTime(session, fromFrame), AnalyzerFaultTests.FrameTime(session, toFrame), count, "udp socket 127.0.0.1:50000");

    private static CheckResult Result(AnalysisInput input, string id) => MediaAnalysis.Run(input).Results.Single(r => r.Check.Id == id);
}
