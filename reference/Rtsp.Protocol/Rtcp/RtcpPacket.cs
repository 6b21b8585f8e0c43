using System.Buffers.Binary;

namespace Rtsp.Protocol.Rtcp;

/// <summary>
/// One RTCP packet inside a compound packet (RFC 3550 §6.4): a common header (V=2, P, a 5-bit count, the packet
/// type and the length in 32-bit words minus one) and a body. Read them with <see cref="RtcpCompoundPacket"/>.
/// </summary>
public abstract class RtcpPacket
{
    public const int HeaderLength = 4;

    private byte _paddingLength;

    public abstract byte PacketType { get; }

    /// <summary>
    /// Padding octets after the body, the last one holding the count; a multiple of 4 (RFC 3550 §6.4.1). Only the
    /// last packet of a compound may carry padding.
    /// </summary>
    public byte PaddingLength
    {
        get => _paddingLength;
        set => _paddingLength = value % 4 == 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "RTCP padding keeps the packet a multiple of 32 bits: use a multiple of 4.");
    }

    /// <summary>The 5-bit count field: report blocks (SR, RR), chunks (SDES), sources (BYE), subtype (others).</summary>
    public abstract int Count { get; }

    /// <summary>Bytes after the 4-byte header, padding excluded; always a multiple of 4.</summary>
    public abstract int BodyLength { get; }

    public int SerializedLength => HeaderLength + BodyLength + PaddingLength;

    public int WriteTo(Span<byte> destination)
    {
        int length = SerializedLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"Destination of {destination.Length} bytes is too small for an RTCP packet of {length} bytes.", nameof(destination));
        }
        if (Count > 31)
        {
            throw new InvalidOperationException($"RTCP count field is 5 bits; this {GetType().Name} has {Count} items (at most 31).");
        }
        if (length / 4 - 1 > ushort.MaxValue)
        {
            throw new InvalidOperationException($"RTCP packet of {length} bytes does not fit the 16-bit length field.");
        }
        destination[0] = (byte)(0x80 | (PaddingLength > 0 ? 0x20 : 0) | Count);
        destination[1] = PacketType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(length / 4 - 1));
        WriteBody(destination.Slice(HeaderLength, BodyLength));
        if (PaddingLength > 0)
        {
            var padding = destination.Slice(HeaderLength + BodyLength, PaddingLength);
            padding.Clear();
            padding[^1] = PaddingLength;
        }
        return length;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[SerializedLength];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Writes exactly <see cref="BodyLength"/> bytes.</summary>
    private protected abstract void WriteBody(Span<byte> body);
}
