using Rtsp.Client.Connection;

namespace Rtsp.Client.Transport;

/// <summary>RTP and RTCP of one track as '$' frames on the RTSP connection (RFC 2326 §10.12), on the channel pair
/// the SETUP answer gave. Receiving happens in the connection's read loop; the session routes by channel.</summary>
public sealed class InterleavedTrackTransport : ITrackTransport
{
    private readonly RtspConnection _connection;

    public InterleavedTrackTransport(RtspConnection connection, byte rtpChannel, byte rtcpChannel)
    {
        _connection = connection;
        RtpChannel = rtpChannel;
        RtcpChannel = rtcpChannel;
        Description = $"TCP interleaved channels {rtpChannel}-{rtcpChannel}";
    }

    public RtpTransportMode Mode => RtpTransportMode.Tcp;

    public string Description { get; }

    public byte RtpChannel { get; }

    public byte RtcpChannel { get; }

    public Task SendRtcpAsync(byte[] compoundPacket, CancellationToken cancellationToken)
        => _connection.IsOpen ? _connection.SendInterleavedAsync(RtcpChannel, compoundPacket, cancellationToken) : Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
