namespace Rtsp.Protocol.Mjpeg;

/// <summary>An MJPEG file that is empty, not a concatenation of JPEG frames, or cut off inside a frame.</summary>
public sealed class MjpegFormatException : ProtocolFormatException
{
    public MjpegFormatException(string message) : base(message) { }
}
