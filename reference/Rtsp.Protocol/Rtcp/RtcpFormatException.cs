namespace Rtsp.Protocol.Rtcp;

/// <summary>An RTCP packet that cannot be read: truncated, wrong version, lengths that do not fit (RFC 3550 §6).</summary>
public sealed class RtcpFormatException : ProtocolFormatException
{
    public RtcpFormatException(string message) : base(message) { }
}
