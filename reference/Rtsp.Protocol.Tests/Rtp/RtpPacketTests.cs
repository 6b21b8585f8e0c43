using Rtsp.Protocol.Rtp;

namespace Rtsp.Protocol.Tests.Rtp;

public class RtpPacketTests
{
    // V=2, PT=26 (JPEG), seq 7952 (GStreamer's first seq in the /test transcript), ts 3600, SSRC 0x59B50EBF, payload "AB".
    private static readonly byte[] Minimal = Convert.FromHexString("801A1F1000000E1059B50EBF4142");

    // V=2 P X CC=1, M, PT=26, seq 1, ts 2, SSRC DEADBEEF, CSRC 10, extension profile BEDE with one word, payload 010203, 3 padding bytes.
    private static readonly byte[] Full = Convert.FromHexString("B19A000100000002DEADBEEF0000000ABEDE000110AA0000010203000003");

    [Test]
    public void Parses_a_minimal_packet()
    {
        var packet = RtpPacket.Parse(Minimal);

        packet.Version.Should().Be(2);
        packet.Padding.Should().BeFalse();
        packet.Extension.Should().BeFalse();
        packet.Marker.Should().BeFalse();
        packet.PayloadType.Should().Be(26);
        packet.SequenceNumber.Should().Be(7952);
        packet.Timestamp.Should().Be(3600u);
        packet.Ssrc.Should().Be(0x59B50EBFu);
        packet.Csrcs.Should().BeEmpty();
        packet.Payload.ToArray().Should().Equal((byte)'A', (byte)'B');
    }

    [Test]
    public void Parses_csrcs_extension_marker_and_padding()
    {
        var packet = RtpPacket.Parse(Full);

        packet.Padding.Should().BeTrue();
        packet.PaddingLength.Should().Be(3);
        packet.Extension.Should().BeTrue();
        packet.Marker.Should().BeTrue();
        packet.PayloadType.Should().Be(26);
        packet.SequenceNumber.Should().Be(1);
        packet.Timestamp.Should().Be(2u);
        packet.Ssrc.Should().Be(0xDEADBEEFu);
        packet.Csrcs.Should().Equal(10u);
        packet.ExtensionProfile.Should().Be(0xBEDE);
        packet.ExtensionData.Should().Equal(0x10, 0xAA, 0x00, 0x00);
        packet.HeaderLength.Should().Be(24);
        packet.Payload.ToArray().Should().Equal(1, 2, 3);
    }

    [TestCase("801A1F1000000E1059B50EBF4142")]
    [TestCase("B19A000100000002DEADBEEF0000000ABEDE000110AA0000010203000003")]
    [TestCase("90000000000000000000000100000000")] // X bit with an empty extension (length 0), no payload
    public void Serializes_back_to_the_same_bytes(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        RtpPacket.Parse(bytes).ToArray().Should().Equal(bytes);
    }

    [Test]
    public void Reads_the_first_24_bytes_of_a_real_ffmpeg_rfc2435_fragment()
    {
        // ffmpeg 5.1 -f rtp, 320x240 MJPEG: the last (marker) fragment of the first frame, cut after the JPEG header
        // (RTP has no length field, so a prefix is still a packet).
        var packet = RtpPacket.Parse(Convert.FromHexString("809A0A3AA9A6F086CBAB5A9F00001C1801FF281E0FF96F7D"));

        packet.Marker.Should().BeTrue();
        packet.PayloadType.Should().Be(26);
        packet.SequenceNumber.Should().Be(0x0A3A);
        packet.Timestamp.Should().Be(0xA9A6F086u);
        packet.Ssrc.Should().Be(0xCBAB5A9Fu);
        // RFC 2435 §3.1: type-specific 0, fragment offset 7192, type 1, Q 255, width 40*8, height 30*8.
        packet.Payload.Span[..8].ToArray().Should().Equal(0x00, 0x00, 0x1C, 0x18, 0x01, 0xFF, 0x28, 0x1E);
    }

    [Test]
    public void Builds_a_packet_in_code()
    {
        var packet = new RtpPacket
        {
            Marker = true,
            PayloadType = 26,
            SequenceNumber = 65535,
            Timestamp = 0xFFFFFFFF,
            Ssrc = 1,
            Payload = new byte[] { 9 },
        };

        packet.ToArray().Should().Equal(Convert.FromHexString("809AFFFFFFFFFFFF0000000109"));
        packet.SerializedLength.Should().Be(13);
    }

    [Test]
    public void Write_to_a_too_small_buffer_is_an_argument_error()
    {
        var packet = RtpPacket.Parse(Minimal);
        var act = () => packet.WriteTo(new byte[Minimal.Length - 1]);
        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Payload_is_a_slice_of_the_input_not_a_copy()
    {
        var bytes = (byte[])Minimal.Clone();
        var packet = RtpPacket.Parse(bytes);
        bytes[^1] = (byte)'Z';
        packet.Payload.Span[^1].Should().Be((byte)'Z');
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    public void A_version_other_than_2_is_read_not_rejected(int version)
    {
        var bytes = (byte[])Minimal.Clone();
        bytes[0] = (byte)((version << 6) | (bytes[0] & 0x3F));

        var packet = RtpPacket.Parse(bytes);

        packet.Version.Should().Be(version);
        packet.ToArray().Should().Equal(bytes);
    }

    [TestCase("", "shorter than the 12-byte fixed header")]
    [TestCase("801A1F1000000E1059B50E", "shorter than the 12-byte fixed header")]
    [TestCase("821A1F1000000E1059B50EBF00000001", "too short for its 2 CSRCs")]
    [TestCase("901A1F1000000E1059B50EBF", "no room for the 4-byte extension header")]
    [TestCase("901A1F1000000E1059B50EBFBEDE0002AABBCCDD", "extension claims 8 bytes")]
    [TestCase("A01A1F1000000E1059B50EBF414200", "padding count (last octet) is 0")]
    [TestCase("A01A1F1000000E1059B50EBF414204", "padding count 4 exceeds the 3 bytes")]
    [TestCase("A01A1F1000000E1059B50EBF", "padding count")]
    public void Malformed_packets_give_a_typed_error_naming_the_problem(string hex, string reason)
    {
        var bytes = Convert.FromHexString(hex);

        RtpPacket.TryParse(bytes, out var packet, out var error).Should().BeFalse();
        packet.Should().BeNull();
        error.Should().Contain(reason);
        var act = () => RtpPacket.Parse(bytes);
        act.Should().Throw<RtpFormatException>().Which.Should().BeAssignableTo<ProtocolFormatException>();
    }

    [Test]
    public void Padding_that_fills_everything_after_the_header_leaves_an_empty_payload()
    {
        var packet = RtpPacket.Parse(Convert.FromHexString("A01A1F1000000E1059B50EBF000003"));
        packet.Payload.IsEmpty.Should().BeTrue();
        packet.PaddingLength.Should().Be(3);
    }

    [Test]
    public void Field_ranges_are_enforced_when_building()
    {
        var packet = new RtpPacket();
        ((Action)(() => packet.PayloadType = 128)).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => packet.Version = 4)).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => packet.Csrcs = new uint[16])).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => packet.ExtensionData = new byte[3])).Should().Throw<ArgumentException>();
    }
}
