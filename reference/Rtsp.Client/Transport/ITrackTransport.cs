namespace Rtsp.Client.Transport;

/// <summary>How one set-up track's packets travel: UDP port pair or channels on the RTSP connection. Incoming RTP
/// goes to the track's receiver, incoming RTCP to the session; the session sends its receiver reports here.</summary>
public interface ITrackTransport : IAsyncDisposable
{
    RtpTransportMode Mode { get; }

    /// <summary>For logs and the summary, e.g. "UDP client 50000-50001, server 6970-6971".</summary>
    string Description { get; }

    Task SendRtcpAsync(byte[] compoundPacket, CancellationToken cancellationToken);
}
