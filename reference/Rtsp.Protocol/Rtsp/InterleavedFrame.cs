using System.Buffers.Binary;

namespace Rtsp.Protocol.Rtsp;

/// <summary>An interleaved binary frame (RFC 2326 §10.12): <c>'$'</c>, a one-byte channel, a 16-bit big-endian
/// length and that many bytes of RTP or RTCP.</summary>
public sealed record InterleavedFrame(byte Channel, byte[] Payload) : InterleavedItem
{
    public const byte Magic = (byte)'$';

    public const int HeaderLength = 4;

    public static byte[] Encode(byte channel, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"An interleaved frame carries at most {ushort.MaxValue} bytes, not {payload.Length}.", nameof(payload));
        }

        var frame = new byte[HeaderLength + payload.Length];
        frame[0] = Magic;
        frame[1] = channel;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    public byte[] ToBytes() => Encode(Channel, Payload);
}
