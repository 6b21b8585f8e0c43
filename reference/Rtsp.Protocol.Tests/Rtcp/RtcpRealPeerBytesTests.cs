using Rtsp.Protocol.Rtcp;

namespace Rtsp.Protocol.Tests.Rtcp;

/// <summary>
/// RTCP datagrams captured verbatim on this machine kind (2026-11-25) from real peers: ffmpeg 5.1 (<c>-f rtp</c>),
/// GStreamer 1.22 rtpbin as a sender (rtpjpegpay) and as a receiver of ffmpeg's stream.
/// </summary>
public class RtcpRealPeerBytesTests
{
    // ffmpeg -f rtp: a bare SR (no SDES), sent with the first RTP packet (seq 0x0a35, ts 0xa9a6f086, SSRC 0xcbab5a9f),
    // received at unix time 1795617999.727.
    private const string FfmpegSenderReport = "80c80006cbab5a9feeb1734fb9db22d0a9a6f0860000000000000000";

    // GStreamer sender: SR + SDES (CNAME, TOOL "GStreamer").
    private const string GstreamerSenderReport =
        "80c800061521c1c6eeb1736acaa044ae25d5a162000000e70004888e81ca000c1521c1c6011c757365723135333034313835323140686f73742d366265316366313706094753747265616d6572000000";

    // GStreamer sender at EOS: SR + SDES + BYE.
    private const string GstreamerGoodbye =
        "80c800061521c1c6eeb1736f81df00ab25dc1b470000041a00149b7481ca000c1521c1c6011c757365723135333034313835323140686f73742d366265316366313706094753747265616d657200000081cb00011521c1c6";

    // GStreamer receiving ffmpeg's stream: RR with one report block + SDES.
    private const string GstreamerReceiverReport =
        "81c900074d4aa29c644bec9f0000000000000a380000001b737d558100016f6981ca000c4d4aa29c011c757365723132343834303532363540686f73742d623737376137336606094753747265616d6572000000";

    [Test]
    public void Ffmpeg_sender_report_carries_wall_clock_ntp_and_the_first_packets_rtp_time()
    {
        var sr = (RtcpSenderReport)RtcpCompoundPacket.Parse(Convert.FromHexString(FfmpegSenderReport)).Single();

        sr.Ssrc.Should().Be(0xCBAB5A9Fu);
        sr.RtpTimestamp.Should().Be(0xA9A6F086u);
        sr.PacketCount.Should().Be(0u);
        sr.ReportBlocks.Should().BeEmpty();
        var received = DateTime.UnixEpoch.AddSeconds(1795617999.727);
        (sr.NtpTimestamp.ToDateTime() - received).Duration().Should().BeLessThan(TimeSpan.FromMilliseconds(5));
    }

    [Test]
    public void Gstreamer_sender_compound_has_cname_and_tool()
    {
        var packets = RtcpCompoundPacket.Parse(Convert.FromHexString(GstreamerSenderReport));

        packets.Select(packet => packet.PacketType).Should().Equal(RtcpPacketType.SenderReport, RtcpPacketType.SourceDescription);
        var sr = (RtcpSenderReport)packets[0];
        sr.Ssrc.Should().Be(0x1521C1C6u);
        sr.PacketCount.Should().Be(0xE7u);
        sr.OctetCount.Should().Be(0x4888Eu);
        var chunk = ((RtcpSourceDescription)packets[1]).Chunks.Single();
        chunk.Source.Should().Be(sr.Ssrc);
        chunk.Cname.Should().Be("user1530418521@host-6be1cf17");
        chunk.Items.Should().ContainEquivalentOf(new RtcpSdesItem(RtcpSdesItemType.Tool, "GStreamer"));
    }

    [Test]
    public void Gstreamer_goodbye_names_the_sender()
    {
        var bye = (RtcpGoodbye)RtcpCompoundPacket.Parse(Convert.FromHexString(GstreamerGoodbye))[2];

        bye.Sources.Should().Equal(0x1521C1C6u);
        bye.Reason.Should().BeNull();
    }

    [Test]
    public void Gstreamer_receiver_report_block_reads_field_by_field()
    {
        var rr = (RtcpReceiverReport)RtcpCompoundPacket.Parse(Convert.FromHexString(GstreamerReceiverReport))[0];

        rr.Ssrc.Should().Be(0x4D4AA29Cu);
        rr.ReportBlocks.Should().ContainSingle().Which.Should().Be(new RtcpReportBlock
        {
            Ssrc = 0x644BEC9F,
            FractionLost = 0,
            CumulativeLost = 0,
            ExtendedHighestSequence = 2616,
            Jitter = 27,
            LastSenderReport = 0x737D5581,
            DelaySinceLastSenderReport = 0x00016F69, // 1.435 s
        });
    }

    [TestCase(FfmpegSenderReport)]
    [TestCase(GstreamerSenderReport)]
    [TestCase(GstreamerGoodbye)]
    [TestCase(GstreamerReceiverReport)]
    public void Real_datagrams_serialize_back_byte_for_byte(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        RtcpCompoundPacket.Serialize(RtcpCompoundPacket.Parse(bytes)).Should().Equal(bytes);
    }
}
