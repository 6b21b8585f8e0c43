using System.Buffers.Binary;
using Rtsp.Protocol.Headers;
using Rtsp.Server.Transport;

namespace Rtsp.Server.Faults;

/// <summary>
/// h264-ts-per-packet: packet k (0-based) of each access unit leaves with the unit's timestamp + k. The unit's
/// packets are told apart by the marker bit, which ends a unit (RFC 6184 5.1), so the first packet after a marker
/// keeps its timestamp. Decorates the session's sink: the streamer's send path stays as it is.
/// </summary>
public sealed class TimestampPerPacketSink(IRtpSink inner) : IRtpSink
{
    private readonly byte[] _buffer = new byte[65536];
    private uint _packetInUnit;

    public TransportSpec ReplyTransport => inner.ReplyTransport;

    public long Dropped => inner.Dropped;

    public bool IsOverflowed => inner.IsOverflowed;

    public bool SendRtp(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 12)
            return inner.SendRtp(packet);
        uint shift = _packetInUnit;
        // RFC 3550 5.1: the marker is the top bit of the second byte.
        _packetInUnit = (packet[1] & 0x80) != 0 ? 0 : _packetInUnit + 1;
        if (shift == 0)
            return inner.SendRtp(packet);
        var copy = _buffer.AsSpan(0, packet.Length);
        packet.CopyTo(copy);
        BinaryPrimitives.WriteUInt32BigEndian(copy[4..], unchecked(BinaryPrimitives.ReadUInt32BigEndian(copy[4..]) + shift));
        return inner.SendRtp(copy);
    }

    public bool SendRtcp(ReadOnlySpan<byte> packet) => inner.SendRtcp(packet);

    public void StartReceivingRtcp(Action<ReadOnlyMemory<byte>> received) => inner.StartReceivingRtcp(received);

    public void Dispose() => inner.Dispose();
}
