namespace Rtsp.Protocol.Sdp;

/// <summary>A session description that does not follow RFC 8866 §5, with the 1-based line where it went wrong.</summary>
public sealed class SdpFormatException : ProtocolFormatException
{
    public SdpFormatException(int lineNumber, string reason)
        : base($"SDP line {lineNumber}: {reason}")
    {
        LineNumber = lineNumber;
        Reason = reason;
    }

    public int LineNumber { get; }

    public string Reason { get; }
}
