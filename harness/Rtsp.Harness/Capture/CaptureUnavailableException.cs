namespace Rtsp.Harness.Capture;

/// <summary>
/// Live capture cannot run here (no root / CAP_NET_RAW, libpcap missing, no such interface, bad filter). The
/// message says what to do; the runner catches it and falls back to socket mode.
/// </summary>
public sealed class CaptureUnavailableException : Exception
{
    public CaptureUnavailableException(string message) : base(message) { }

    public CaptureUnavailableException(string message, Exception inner) : base(message, inner) { }
}
