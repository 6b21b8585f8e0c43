using System.Buffers.Binary;
using System.Text;

namespace Rtsp.Protocol.Rtcp;

/// <summary>BYE, packet type 203 (RFC 3550 §6.6): the sources leaving and an optional reason (at most 255 bytes).</summary>
public sealed class RtcpGoodbye : RtcpPacket
{
    public override byte PacketType => RtcpPacketType.Goodbye;

    public List<uint> Sources { get; set; } = [];

    public string? Reason { get; set; }

    public override int Count => Sources.Count;

    public override int BodyLength => 4 * Sources.Count + (Reason is null ? 0 : (1 + ReasonLength() + 3) & ~3);

    private int ReasonLength()
    {
        int length = Encoding.UTF8.GetByteCount(Reason!);
        return length <= 255 ? length : throw new InvalidOperationException($"BYE reason is {length} UTF-8 bytes; it holds at most 255.");
    }

    private protected override void WriteBody(Span<byte> body)
    {
        body.Clear();
        int offset = 0;
        foreach (uint source in Sources)
        {
            BinaryPrimitives.WriteUInt32BigEndian(body[offset..], source);
            offset += 4;
        }
        if (Reason is not null)
        {
            body[offset] = (byte)Encoding.UTF8.GetBytes(Reason, body[(offset + 1)..]);
        }
    }

    internal static RtcpGoodbye Read(int count, ReadOnlySpan<byte> body)
    {
        if (body.Length < 4 * count)
        {
            throw new RtcpFormatException($"RTCP BYE announces {count} sources ({4 * count} bytes) but its body has {body.Length} bytes.");
        }
        var bye = new RtcpGoodbye();
        for (int i = 0; i < count; i++)
        {
            bye.Sources.Add(BinaryPrimitives.ReadUInt32BigEndian(body[(4 * i)..]));
        }
        var rest = body[(4 * count)..];
        if (!rest.IsEmpty)
        {
            int length = rest[0];
            if (rest.Length < 1 + length)
            {
                throw new RtcpFormatException($"RTCP BYE reason claims {length} bytes but only {rest.Length - 1} remain.");
            }
            bye.Reason = RtcpText.Decode(rest.Slice(1, length), "BYE reason");
        }
        return bye;
    }
}
