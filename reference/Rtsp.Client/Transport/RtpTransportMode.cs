namespace Rtsp.Client.Transport;

/// <summary>How the client asks for RTP in SETUP (RFC 2326 §12.39).</summary>
public enum RtpTransportMode
{
    /// <summary>RTP/AVP over UDP to a client port pair (even RTP port, RTCP on the next odd one).</summary>
    Udp,

    /// <summary>RTP/AVP/TCP interleaved on the RTSP connection (RFC 2326 §10.12).</summary>
    Tcp,

    /// <summary>UDP first; TCP when the server refuses UDP (461) or no packet arrives within the fallback time
    /// (a firewall or NAT in the way).</summary>
    Auto,
}
