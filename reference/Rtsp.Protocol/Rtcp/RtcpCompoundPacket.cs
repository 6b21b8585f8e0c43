using System.Buffers.Binary;

namespace Rtsp.Protocol.Rtcp;

/// <summary>
/// An RTCP datagram: one or more RTCP packets back to back (RFC 3550 §6.1), each sized by its own length field.
/// Parsing checks what RFC 3550 A.2 checks per packet: version 2, lengths that add up to the datagram, and padding
/// only on the last packet. It does not insist that the first packet be SR or RR: a harness reports that, it
/// does not refuse to read the datagram.
/// </summary>
public static class RtcpCompoundPacket
{
    public static IReadOnlyList<RtcpPacket> Parse(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new RtcpFormatException("RTCP datagram is empty.");
        }
        var packets = new List<RtcpPacket>();
        int offset = 0;
        while (offset < data.Length)
        {
            int index = packets.Count + 1;
            var rest = data[offset..];
            if (rest.Length < RtcpPacket.HeaderLength)
            {
                throw new RtcpFormatException($"RTCP packet {index} at offset {offset}: {rest.Length} bytes left, fewer than the 4-byte header.");
            }
            int version = rest[0] >> 6;
            if (version != 2)
            {
                throw new RtcpFormatException($"RTCP packet {index} at offset {offset} has version {version}; RFC 3550 requires 2.");
            }
            int length = 4 * (BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) + 1);
            if (length > rest.Length)
            {
                throw new RtcpFormatException($"RTCP packet {index} at offset {offset} claims {length} bytes but only {rest.Length} remain.");
            }
            bool last = offset + length == data.Length;
            int bodyLength = length - RtcpPacket.HeaderLength;
            int padding = 0;
            if ((rest[0] & 0x20) != 0)
            {
                if (!last)
                {
                    throw new RtcpFormatException($"RTCP packet {index} at offset {offset} has the padding bit set but is not the last of the compound (RFC 3550 §6.4.1).");
                }
                padding = rest[length - 1];
                // The count includes itself and keeps the packet a whole number of 32-bit words.
                if (padding == 0 || padding > bodyLength || padding % 4 != 0)
                {
                    throw new RtcpFormatException($"RTCP packet {index} padding count {padding} is invalid for a body of {bodyLength} bytes (must be 4, 8, ... and fit).");
                }
            }
            var packet = Read(rest[0] & 0x1F, rest[1], rest.Slice(RtcpPacket.HeaderLength, bodyLength - padding));
            packet.PaddingLength = (byte)padding;
            packets.Add(packet);
            offset += length;
        }
        return packets;
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out IReadOnlyList<RtcpPacket>? packets, out string? error)
    {
        try
        {
            packets = Parse(data);
            error = null;
            return true;
        }
        catch (RtcpFormatException e)
        {
            packets = null;
            error = e.Message;
            return false;
        }
    }

    public static byte[] Serialize(IEnumerable<RtcpPacket> packets)
    {
        var list = packets.ToList();
        var bytes = new byte[list.Sum(packet => packet.SerializedLength)];
        int offset = 0;
        foreach (var packet in list)
        {
            offset += packet.WriteTo(bytes.AsSpan(offset));
        }
        return bytes;
    }

    private static RtcpPacket Read(int count, byte packetType, ReadOnlySpan<byte> body) => packetType switch
    {
        RtcpPacketType.SenderReport => RtcpSenderReport.Read(count, body),
        RtcpPacketType.ReceiverReport => RtcpReceiverReport.Read(count, body),
        RtcpPacketType.SourceDescription => RtcpSourceDescription.Read(count, body),
        RtcpPacketType.Goodbye => RtcpGoodbye.Read(count, body),
        _ => ReadUnknown(count, packetType, body),
    };

    private static RtcpUnknownPacket ReadUnknown(int count, byte packetType, ReadOnlySpan<byte> body)
    {
        var packet = new RtcpUnknownPacket(packetType);
        packet.SetCount(count);
        packet.Body = body.ToArray();
        return packet;
    }
}
