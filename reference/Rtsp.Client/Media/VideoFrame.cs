namespace Rtsp.Client.Media;

/// <summary>
/// A complete JPEG frame rebuilt from RTP (RFC 2435): the JFIF bytes, its size, its RTP timestamp and, when the
/// PLAY answer let the client anchor it, its position in the stream in seconds (normal play time, RFC 2326 §3.6).
/// </summary>
public sealed record VideoFrame(int TrackIndex, long Number, byte[] Jpeg, int Width, int Height, uint RtpTimestamp, double? Position);
