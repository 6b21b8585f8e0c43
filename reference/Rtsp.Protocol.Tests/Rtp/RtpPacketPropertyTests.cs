using CsCheck;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Protocol.Tests.Rtp;

public class RtpPacketPropertyTests
{
    private static readonly Gen<RtpPacket> Packets =
        Gen.Select(
            Gen.Int[0, 3],
            Gen.Bool,
            Gen.Int[0, 127],
            Gen.UShort,
            Gen.UInt,
            Gen.UInt,
            Gen.UInt.Array[0, 15],
            Gen.Select(Gen.Bool, Gen.UShort, Gen.Byte.Array[0, 40]),
            (version, marker, payloadType, sequence, timestamp, ssrc, csrcs, extension) => new RtpPacket
            {
                Version = version,
                Marker = marker,
                PayloadType = payloadType,
                SequenceNumber = sequence,
                Timestamp = timestamp,
                Ssrc = ssrc,
                Csrcs = csrcs,
                // Profile and data exist on the wire only with the X bit.
                Extension = extension.Item1,
                ExtensionProfile = extension.Item1 ? extension.Item2 : (ushort)0,
                ExtensionData = extension.Item1 ? extension.Item3[..(extension.Item3.Length & ~3)] : [],
            })
        .SelectMany(packet => Gen.Select(Gen.Byte.Array[0, 300], Gen.OneOf(Gen.Const(0), Gen.Int[1, 255]), (payload, padding) =>
        {
            packet.Payload = payload;
            packet.PaddingLength = (byte)padding;
            return packet;
        }));

    [Test]
    public void Serialize_then_parse_gives_the_same_packet_and_bytes()
    {
        Packets.Sample(packet =>
        {
            var bytes = packet.ToArray();
            bytes.Length.Should().Be(packet.SerializedLength);

            var parsed = RtpPacket.Parse(bytes);

            parsed.Should().BeEquivalentTo(packet, options => options.ComparingByMembers<RtpPacket>().Excluding(p => p.Payload));
            parsed.Payload.ToArray().Should().Equal(packet.Payload.ToArray());
            parsed.ToArray().Should().Equal(bytes);
        }, iter: 500);
    }

    [Test]
    public void Write_to_a_larger_buffer_writes_exactly_serialized_length_bytes()
    {
        Packets.Sample(packet =>
        {
            var buffer = new byte[packet.SerializedLength + 16];
            Array.Fill(buffer, (byte)0xEE);
            packet.WriteTo(buffer).Should().Be(packet.SerializedLength);
            buffer[packet.SerializedLength..].Should().OnlyContain(b => b == 0xEE);
        }, iter: 200);
    }
}
