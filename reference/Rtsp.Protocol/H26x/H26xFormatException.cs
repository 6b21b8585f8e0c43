namespace Rtsp.Protocol.H26x;

/// <summary>A malformed H.264/H.265 payload, parameter or parameter set; <see cref="Reason"/> says which rule broke.</summary>
public sealed class H26xFormatException : ProtocolFormatException
{
    public H26xFormatException(H26xRejectReason reason, string message)
        : base($"{reason}: {message}")
    {
        Reason = reason;
    }

    public H26xRejectReason Reason { get; }
}
