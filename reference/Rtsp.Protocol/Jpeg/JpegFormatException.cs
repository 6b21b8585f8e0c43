namespace Rtsp.Protocol.Jpeg;

/// <summary>A JPEG frame that is malformed or that RFC 2435 cannot carry; <see cref="Reason"/> says which.</summary>
public sealed class JpegFormatException : ProtocolFormatException
{
    public JpegFormatException(JpegRejectReason reason, string message)
        : base($"{reason}: {message}")
    {
        Reason = reason;
    }

    public JpegRejectReason Reason { get; }
}
