namespace Rtsp.Server.Transport;

/// <summary>
/// Where one session's RTP and RTCP go: a UDP port pair or the client's TCP connection (interleaved).
/// Sends never block (they are called on the pacer thread): a packet that cannot leave now is dropped or,
/// for TCP, the sink reports itself <see cref="IsOverflowed"/> and the session is ended.
/// </summary>
public interface IRtpSink : IDisposable
{
    /// <summary>The SETUP reply's Transport for this sink (without ssrc, which the session adds).</summary>
    Rtsp.Protocol.Headers.TransportSpec ReplyTransport { get; }

    /// <summary>False when the packet could not be handed to the kernel / queue.</summary>
    bool SendRtp(ReadOnlySpan<byte> packet);

    /// <summary>
    /// Sends consecutive RTP packets, <paramref name="lengths"/> of them back to back in <paramref name="packets"/>,
    /// as few system calls as the transport allows (UDP: one GSO send for a frame's equal-sized packets); returns
    /// how many were handed over. By default one <see cref="SendRtp"/> each.
    /// </summary>
    int SendRtpBatch(ReadOnlySpan<byte> packets, ReadOnlySpan<int> lengths)
    {
        int sent = 0, offset = 0;
        foreach (int length in lengths)
        {
            if (SendRtp(packets.Slice(offset, length)))
                sent++;
            offset += length;
        }
        return sent;
    }

    bool SendRtcp(ReadOnlySpan<byte> packet);

    /// <summary>Packets dropped because the socket buffer was full (UDP).</summary>
    long Dropped { get; }

    /// <summary>True once a TCP client stopped reading and its queue overflowed.</summary>
    bool IsOverflowed { get; }

    /// <summary>Starts delivering RTCP from the client (receiver reports) to <paramref name="received"/>.</summary>
    void StartReceivingRtcp(Action<ReadOnlyMemory<byte>> received);
}
