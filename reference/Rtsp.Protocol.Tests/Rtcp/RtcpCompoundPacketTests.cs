using Rtsp.Protocol.Rtcp;

namespace Rtsp.Protocol.Tests.Rtcp;

public class RtcpCompoundPacketTests
{
    // SR with one report block (RC=1, 13 words), hand-assembled from RFC 3550 §6.4.1.
    private const string SenderReportHex =
        "81C8000C" + "59B50EBF" + "E96D7E1080000000" + "E18C2DFC" + "000003A3" + "00112233"
        + "11223344" + "40FFFFFE" + "00011F10" + "0000002A" + "7E108000" + "00018000";

    // SDES, one chunk: CNAME "abc", END, padding to 32 bits.
    private const string SdesHex = "81CA0003" + "59B50EBF" + "0103616263000000";

    // BYE for one source with the reason "bye".
    private const string ByeHex = "81CB0002" + "59B50EBF" + "03627965";

    // RR with no report blocks (what a receiver with nothing received yet sends).
    private const string EmptyReceiverReportHex = "80C90001" + "0BADF00D";

    [Test]
    public void Parses_a_sender_report_with_a_report_block()
    {
        var packets = RtcpCompoundPacket.Parse(Convert.FromHexString(SenderReportHex));

        var sr = packets.Should().ContainSingle().Which.Should().BeOfType<RtcpSenderReport>().Subject;
        sr.Ssrc.Should().Be(0x59B50EBFu);
        sr.NtpTimestamp.Seconds.Should().Be(0xE96D7E10u);
        sr.NtpTimestamp.Fraction.Should().Be(0x80000000u);
        sr.RtpTimestamp.Should().Be(0xE18C2DFCu);
        sr.PacketCount.Should().Be(931u);
        sr.OctetCount.Should().Be(0x00112233u);
        sr.ReportBlocks.Should().ContainSingle().Which.Should().Be(new RtcpReportBlock
        {
            Ssrc = 0x11223344,
            FractionLost = 0x40,
            CumulativeLost = -2,
            ExtendedHighestSequence = 0x00011F10,
            Jitter = 42,
            LastSenderReport = 0x7E108000,
            DelaySinceLastSenderReport = 0x00018000,
        });
    }

    [Test]
    public void Parses_a_compound_of_sr_sdes_and_bye()
    {
        var packets = RtcpCompoundPacket.Parse(Convert.FromHexString(SenderReportHex + SdesHex + ByeHex));

        packets.Select(packet => packet.PacketType).Should().Equal(200, 202, 203);
        var sdes = (RtcpSourceDescription)packets[1];
        sdes.Chunks.Should().ContainSingle();
        sdes.Chunks[0].Source.Should().Be(0x59B50EBFu);
        sdes.Chunks[0].Cname.Should().Be("abc");
        var bye = (RtcpGoodbye)packets[2];
        bye.Sources.Should().Equal(0x59B50EBFu);
        bye.Reason.Should().Be("bye");
    }

    [TestCase(SenderReportHex)]
    [TestCase(SenderReportHex + SdesHex + ByeHex)]
    [TestCase(EmptyReceiverReportHex + SdesHex)]
    [TestCase("80CC0002" + "0000000141424344")] // APP (204), kept as unknown
    [TestCase("82CA0005" + "00000001" + "01017800" + "00000002" + "02026E6E" + "00000000")] // two chunks, CNAME "x" / NAME "nn"
    public void Serializes_back_to_the_same_bytes(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        RtcpCompoundPacket.Serialize(RtcpCompoundPacket.Parse(bytes)).Should().Equal(bytes);
    }

    [Test]
    public void Builds_the_receiver_report_and_cname_a_client_sends()
    {
        var rr = new RtcpReceiverReport
        {
            Ssrc = 0x0BADF00D,
            ReportBlocks =
            [
                new RtcpReportBlock
                {
                    Ssrc = 0x59B50EBF, FractionLost = 0x40, CumulativeLost = -2, ExtendedHighestSequence = 0x00011F10,
                    Jitter = 42, LastSenderReport = 0x7E108000, DelaySinceLastSenderReport = 0x00018000,
                },
            ],
        };
        var bytes = RtcpCompoundPacket.Serialize([rr, RtcpSourceDescription.ForCname(0x0BADF00D, "abc")]);

        Convert.ToHexString(bytes).Should().Be(
            "81C90007" + "0BADF00D" + "59B50EBF" + "40FFFFFE" + "00011F10" + "0000002A" + "7E108000" + "00018000"
            + "81CA0003" + "0BADF00D" + "0103616263000000");
    }

    [Test]
    public void Unknown_packet_types_keep_their_count_and_body()
    {
        var packet = RtcpCompoundPacket.Parse(Convert.FromHexString("85CE0002" + "0000000141424344")).Single();

        var unknown = packet.Should().BeOfType<RtcpUnknownPacket>().Subject;
        unknown.PacketType.Should().Be(206);
        unknown.Count.Should().Be(5);
        unknown.Body.Should().Equal(Convert.FromHexString("0000000141424344"));
    }

    [Test]
    public void Padding_on_the_last_packet_is_read_and_written_back()
    {
        // BYE with no reason, 4 bytes of padding: P bit set, length 2 words + 1.
        var bytes = Convert.FromHexString(EmptyReceiverReportHex + "A1CB0002" + "59B50EBF" + "00000004");

        var packets = RtcpCompoundPacket.Parse(bytes);

        var bye = packets[1].Should().BeOfType<RtcpGoodbye>().Subject;
        bye.PaddingLength.Should().Be(4);
        bye.Reason.Should().BeNull();
        RtcpCompoundPacket.Serialize(packets).Should().Equal(bytes);
    }

    [Test]
    public void A_24_bit_cumulative_loss_reads_its_sign_and_clamps_when_building()
    {
        var bytes = Convert.FromHexString("81C90007" + "00000001" + "00000002" + "007FFFFF" + "00000000" + "00000000" + "00000000" + "00000000");
        ((RtcpReceiverReport)RtcpCompoundPacket.Parse(bytes)[0]).ReportBlocks[0].CumulativeLost.Should().Be(8388607);
        bytes[13] = 0x80;
        bytes[14] = 0x00;
        bytes[15] = 0x00;
        ((RtcpReceiverReport)RtcpCompoundPacket.Parse(bytes)[0]).ReportBlocks[0].CumulativeLost.Should().Be(-8388608);

        RtcpReportBlock.ClampCumulativeLost(10_000_000).Should().Be(8388607);
        RtcpReportBlock.ClampCumulativeLost(-10_000_000).Should().Be(-8388608);
    }

    [Test]
    public void Round_trip_time_is_arrival_minus_lsr_minus_dlsr()
    {
        // RFC 3550 §6.4.1's example: A = 0xb710:8000 (46864.500 s), LSR = 0xb705:2000 (46853.125 s),
        // DLSR = 0x0005:4000 (5.250 s) -> delay 0x0006:2000 (6.125 s).
        var block = new RtcpReportBlock { LastSenderReport = 0xB7052000, DelaySinceLastSenderReport = 0x00054000 };
        var arrival = new NtpTimestamp(0x0000B710_80000000UL);

        block.RoundTripTime(arrival).Should().Be(TimeSpan.FromSeconds(6.125));
        new RtcpReportBlock().RoundTripTime(arrival).Should().BeNull();
        RtcpReportBlock.ToDelayUnits(TimeSpan.FromSeconds(5.25)).Should().Be(0x00054000u);
    }

    [TestCase("", "empty")]
    [TestCase("81C9", "fewer than the 4-byte header")]
    [TestCase("41C90001" + "00000001", "version 1")]
    [TestCase("80C90002" + "00000001", "claims 12 bytes but only 8 remain")]
    [TestCase("81C90001" + "00000001", "announces 1 report blocks")]
    [TestCase("80C80001" + "00000001", "shorter than the 24-byte sender info")]
    [TestCase("A0C90001" + "00000001" + "80C90001" + "00000001", "padding bit set but is not the last")]
    [TestCase("A0C90001" + "00000000", "padding count 0")]
    [TestCase("A0C90001" + "00000003", "padding count 3")]
    [TestCase("81CA0002" + "00000001" + "01056162", "runs past the end")]
    [TestCase("81CA0002" + "00000001" + "01036162", "runs past the end")]
    [TestCase("81CA0002" + "00000001" + "01026162", "no END (null) octet")]
    [TestCase("82CA0002" + "00000001" + "00000000", "chunk 2 starts past the end")]
    [TestCase("82CB0001" + "00000001", "announces 2 sources")]
    [TestCase("81CB0002" + "00000001" + "05414243", "reason claims 5 bytes")]
    public void Malformed_datagrams_give_a_typed_error_naming_the_problem(string hex, string reason)
    {
        var bytes = Convert.FromHexString(hex);

        RtcpCompoundPacket.TryParse(bytes, out var packets, out var error).Should().BeFalse();
        packets.Should().BeNull();
        error.Should().Contain(reason);
        var act = () => RtcpCompoundPacket.Parse(bytes);
        act.Should().Throw<RtcpFormatException>();
    }
}
