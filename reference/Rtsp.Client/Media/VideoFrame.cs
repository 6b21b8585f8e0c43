namespace Rtsp.Client.Media;

/// <summary>
/// A complete frame rebuilt from RTP: for JPEG (RFC 2435) the JFIF bytes, for H.264 (RFC 6184) one access unit
/// in Annex B; its size, its RTP timestamp and, when the PLAY answer let the client anchor it, its position in
/// the stream in seconds (normal play time, RFC 2326 §3.6).
/// </summary>
public sealed record VideoFrame(int TrackIndex, long Number, byte[] Data, int Width, int Height, uint RtpTimestamp, double? Position)
{
    public VideoEncoding Encoding { get; init; } = VideoEncoding.Jpeg;

    /// <summary>A decoder can start here: every JPEG frame; an H.264 access unit with an IDR picture.</summary>
    public bool IsKeyframe { get; init; } = true;
}
