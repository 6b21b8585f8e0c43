using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Connections;

namespace Rtsp.Server.Transport;

/// <summary>
/// RTP/AVP/TCP (RFC 2326 10.12): RTP on the even channel and RTCP on the odd one, '$'-framed into the RTSP
/// connection. Frames go into the connection's bounded queue, drained by its async writer: a client that stops
/// reading overflows its own queue and is dropped, and never holds up the pacer or any other session.
/// </summary>
public sealed class InterleavedRtpSink(RtspConnection connection, int rtpChannel) : IRtpSink
{
    private int _overflowed;

    public int RtpChannel { get; } = rtpChannel;

    public int RtcpChannel => RtpChannel + 1;

    public RtspConnection Connection { get; } = connection;

    public TransportSpec ReplyTransport { get; } = new()
    {
        LowerTransport = LowerTransport.Tcp,
        Unicast = true,
        Interleaved = new ChannelRange(rtpChannel, rtpChannel + 1),
    };

    public long Dropped => 0;

    public bool IsOverflowed => Volatile.Read(ref _overflowed) != 0;

    public bool SendRtp(ReadOnlySpan<byte> packet) => Send((byte)RtpChannel, packet);

    public bool SendRtcp(ReadOnlySpan<byte> packet) => Send((byte)RtcpChannel, packet);

    /// <summary>The connection hands the client's frames on the odd channel to <paramref name="received"/>.</summary>
    public void StartReceivingRtcp(Action<ReadOnlyMemory<byte>> received) => Connection.ReceiveOn(RtcpChannel, received);

    public void Dispose() => Connection.ReleaseChannels(RtpChannel);

    private bool Send(byte channel, ReadOnlySpan<byte> packet)
    {
        if (IsOverflowed)
            return false;
        if (Connection.TryQueueData(InterleavedFrame.Encode(channel, packet)))
            return true;
        Volatile.Write(ref _overflowed, 1);
        return false;
    }
}
