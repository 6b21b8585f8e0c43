namespace Rtsp.Protocol.Rtp;

/// <summary>An RTP packet that cannot be read: truncated, or with lengths that do not fit (RFC 3550 §5.1).</summary>
public sealed class RtpFormatException : ProtocolFormatException
{
    public RtpFormatException(string message) : base(message) { }
}
