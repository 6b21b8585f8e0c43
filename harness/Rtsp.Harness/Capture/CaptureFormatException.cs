using Rtsp.Protocol;

namespace Rtsp.Harness.Capture;

/// <summary>A capture file that cannot be read: not a pcap/pcapng file, truncated header, unsupported link type.</summary>
public sealed class CaptureFormatException : ProtocolFormatException
{
    public CaptureFormatException(string message) : base(message) { }

    public CaptureFormatException(string message, Exception inner) : base(message, inner) { }
}
