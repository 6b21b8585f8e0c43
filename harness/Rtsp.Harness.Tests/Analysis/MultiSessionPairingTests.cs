using FluentAssertions;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>
/// Two sessions of the same URL in one input (the concurrent scenarios): each stream is judged against its own
/// session's SETUP and PLAY — paired by Session id, client ports (the server's port is shared) or the interleaved
/// channel of its own connection (both sessions use channel 0) — and a session whose RTP-Info is really wrong
/// still fails. Also RFC 2326 §12.33's in-flight packets after a seek.
/// </summary>
public sealed class MultiSessionPairingTests
{
    private const uint SecondSsrc = 0x55667788;
    private const int SecondSeqOffset = 1000;
    private const uint SecondTimestampOffset = 500_000;
    private const long SecondDelayNs = 500_000_000;

    private static readonly string[] PairedChecks = ["rtp.rtpinfo.match", "rtp.ssrc.transport", "rtp.ssrc.constant", "media.play.flows"];

    [TestCase(false)]
    [TestCase(true)]
    public void Each_session_is_judged_against_its_own_setup_and_play(bool overTcp)
    {
        var results = MediaAnalysis.Run(TwoSessions(overTcp, _ => { })).Results;

        foreach (var id in PairedChecks)
        {
            var result = results.Single(r => r.Check.Id == id);
            result.Verdict.Should().Be(Verdict.Pass, $"{id} judges each session on its own ({result.Evidence})");
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void A_wrong_rtp_info_in_the_second_session_still_fails(bool overTcp)
    {
        var results = MediaAnalysis.Run(TwoSessions(overTcp, s => s.RtpInfo =
            $"url=rtsp://127.0.0.1:8554/clip/track1;seq={(ushort)(SyntheticSession.FirstSequence + SecondSeqOffset)};rtptime={SyntheticSession.FirstTimestamp + SecondTimestampOffset + 7}")).Results;

        var rtpInfo = results.Single(r => r.Check.Id == "rtp.rtpinfo.match");
        rtpInfo.Verdict.Should().Be(Verdict.Fail);
        rtpInfo.Evidence.Should().Contain(overTcp ? $":{SyntheticSession.ClientTcpPort + 2}" : $":{SyntheticSession.ClientRtpPort + 2}");
        rtpInfo.Evidence.Should().NotContain(overTcp ? $":{SyntheticSession.ClientTcpPort})" : $":{SyntheticSession.ClientRtpPort}:");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void A_wrong_ssrc_announced_to_the_second_session_still_fails(bool overTcp)
    {
        var results = MediaAnalysis.Run(TwoSessions(overTcp, s => s.AnnouncedSsrc = 0x01020304)).Results;

        var ssrc = results.Single(r => r.Check.Id == "rtp.ssrc.transport");
        ssrc.Verdict.Should().Be(Verdict.Fail);
        ssrc.Evidence.Should().Contain("01020304").And.NotContain($"{SyntheticSession.Ssrc:X8}");
    }

    [Test]
    public void Packets_of_the_previous_position_after_a_seek_are_skipped()
    {
        var session = new SyntheticSession(overTcp: false, frames: 150);
        var announced = AnalyzerFaultTests.FramePackets(session, 62)[0].Packet;
        // The seek's PLAY goes out while frame 61 (the old position) is still on its way.
        long seek = AnalyzerFaultTests.FrameTime(session, 61) - 1_000_000;
        session.ExtraEvents.Add(SyntheticSession.Event("PLAY", seek,
            ("RTP-Info", $"url=rtsp://127.0.0.1:8554/clip/track1;seq={announced.SequenceNumber};rtptime={announced.Timestamp}"), ("Range", "npt=10-"))
            with { RequestHeaders = [new("Session", "abc123"), new("Range", "npt=10-")] });

        var results = MediaAnalysis.Run(session.ToInput()).Results;

        var rtpInfo = results.Single(r => r.Check.Id == "rtp.rtpinfo.match");
        rtpInfo.Verdict.Should().Be(Verdict.Pass, rtpInfo.Evidence);
    }

    [Test]
    public void A_seek_whose_announced_seq_never_arrives_fails()
    {
        var session = new SyntheticSession(overTcp: false, frames: 150);
        long seek = AnalyzerFaultTests.FrameTime(session, 61) - 1_000_000;
        session.ExtraEvents.Add(SyntheticSession.Event("PLAY", seek,
            ("RTP-Info", $"url=rtsp://127.0.0.1:8554/clip/track1;seq={(ushort)(SyntheticSession.FirstSequence - 10)};rtptime=1"), ("Range", "npt=10-"))
            with { RequestHeaders = [new("Session", "abc123"), new("Range", "npt=10-")] });

        var results = MediaAnalysis.Run(session.ToInput()).Results;

        results.Single(r => r.Check.Id == "rtp.rtpinfo.match").Verdict.Should().Be(Verdict.Fail);
    }

    /// <summary>
    /// Session abc123 as <see cref="SyntheticSession"/> builds it, plus session def456 (set up right after it, playing
    /// half a second later) with its
    /// own SSRC, sequence and timestamp origin, sent from the same server port (UDP) or on channel 0 of a second
    /// connection (TCP) to the next client ports.
    /// </summary>
    private static AnalysisInput TwoSessions(bool overTcp, Action<SyntheticSession> breakSecond)
    {
        var first = new SyntheticSession(overTcp, frames: 100).ToInput();
        var session = new SyntheticSession(overTcp, frames: 100)
        {
            AnnouncedSsrc = SecondSsrc,
            RtpInfo = $"url=rtsp://127.0.0.1:8554/clip/track1;seq={(ushort)(SyntheticSession.FirstSequence + SecondSeqOffset)};rtptime={SyntheticSession.FirstTimestamp + SecondTimestampOffset}",
        };
        session.Rtp.ForEach(p =>
        {
            p.Packet.Ssrc = SecondSsrc;
            p.Packet.SequenceNumber = (ushort)(p.Packet.SequenceNumber + SecondSeqOffset);
            p.Packet.Timestamp += SecondTimestampOffset;
        });
        session.SendBye = false; // the synthetic BYE names the first session's SSRC
        breakSecond(session);
        var second = session.ToInput();

        var packets = first.Packets.Concat(second.Packets.Select(p => p with
            {
                TimestampNs = p.TimestampNs + SecondDelayNs,
                DestinationPort = p.DestinationPort + 2,
            }))
            .OrderBy(p => p.TimestampNs).Select((p, i) => p with { Number = i + 1 }).ToList();
        string firstClient = $"{SyntheticSession.ClientAddress}:{SyntheticSession.ClientTcpPort}";
        string secondClient = $"{SyntheticSession.ClientAddress}:{SyntheticSession.ClientTcpPort + 2}";
        var events = first.Events.Select(e => e with { ClientEndpoint = overTcp ? firstClient : null })
            .Concat(second.Events.Select(e => e with
            {
                // Both SETUPs come before either PLAY, as in the concurrent scenarios.
                RequestTimestampNs = e.RequestTimestampNs + (e.Method == "SETUP" ? 1_000 : SecondDelayNs),
                ResponseTimestampNs = e.ResponseTimestampNs + (e.Method == "SETUP" ? 1_000 : SecondDelayNs),
                ResponseHeaders = Rewrite(e.ResponseHeaders),
                RequestHeaders = Rewrite(e.RequestHeaders),
                ClientEndpoint = overTcp ? secondClient : null,
            }))
            .OrderBy(e => e.RequestTimestampNs).ToList();
        return first with { Packets = packets, Events = events };
    }

    private static List<KeyValuePair<string, string>> Rewrite(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        [.. headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value
            .Replace("abc123", "def456", StringComparison.Ordinal)
            .Replace($"client_port={SyntheticSession.ClientRtpPort}-{SyntheticSession.ClientRtpPort + 1}",
                $"client_port={SyntheticSession.ClientRtpPort + 2}-{SyntheticSession.ClientRtpPort + 3}", StringComparison.Ordinal)))];
}
