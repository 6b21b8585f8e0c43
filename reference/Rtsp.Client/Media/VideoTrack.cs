namespace Rtsp.Client.Media;

/// <summary>
/// One video media section of the SDP that the client sets up: its control URL (already resolved against the
/// Content-Base, RFC 2326 C.1.1), RTP payload type and clock rate (RFC 2435: 90 kHz for JPEG).
/// </summary>
public sealed record VideoTrack(int Index, string ControlUrl, int PayloadType, int ClockRate, string Encoding, double? FrameRate)
{
    /// <summary>RFC 2435 §3 / RFC 3551 Table 5: JPEG is static payload type 26.</summary>
    public const int JpegStaticPayloadType = 26;

    public bool IsJpeg => string.Equals(Encoding, "JPEG", StringComparison.OrdinalIgnoreCase);
}
