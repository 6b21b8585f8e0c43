namespace Rtsp.Protocol.Mjpeg;

/// <summary>How strict <see cref="MjpegFileIndex"/> is.</summary>
public sealed record MjpegIndexOptions
{
    /// <summary>
    /// Keep the complete frames of a file whose last frame is cut off (a recording stopped mid-write) instead of
    /// throwing; <see cref="MjpegFileIndex.TruncatedTail"/> then says what was left out.
    /// </summary>
    public bool AcceptTruncatedLastFrame { get; init; }

    /// <summary>A frame longer than this is treated as corrupt (a missing EOI would otherwise swallow the file).</summary>
    public int MaxFrameLength { get; init; } = 64 * 1024 * 1024;
}
