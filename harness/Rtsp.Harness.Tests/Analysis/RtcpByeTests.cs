using FluentAssertions;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>rtcp.bye: when a BYE is owed, and when an earlier one already said it.</summary>
public sealed class RtcpByeTests
{
    private static Verdict ByeVerdict(SyntheticSession session) =>
        MediaAnalysis.Run(session.ToInput()).Results.Single(r => r.Check.Id == "rtcp.bye").Verdict;

    [Test]
    public void A_bye_at_the_end_of_the_media_answers_for_a_teardown_that_follows()
    {
        var session = new SyntheticSession(overTcp: false, frames: 60);
        long end = session.Rtp[^1].TimeNs;
        session.ByeNs = end + 40_000_000;
        session.TeardownNs = end + 1_600_000_000; // within 2 s of the last packet: the analyzer judges this TEARDOWN

        ByeVerdict(session).Should().Be(Verdict.Pass);
    }

    [Test]
    public void A_bye_before_the_last_packet_does_not()
    {
        var session = new SyntheticSession(overTcp: false, frames: 60);
        long end = session.Rtp[^1].TimeNs;
        session.ByeNs = session.Rtp[0].TimeNs;
        session.TeardownNs = end + 1_600_000_000;

        ByeVerdict(session).Should().Be(Verdict.Fail);
    }
}
