namespace Rtsp.Client.Media;

/// <summary>
/// One video media section of the SDP that the client sets up: its control URL (already resolved against the
/// Content-Base, RFC 2326 C.1.1), RTP payload type, clock rate (90 kHz for JPEG and H.264) and payload format;
/// for H.264 the parameter sets of the fmtp's sprop-parameter-sets (RFC 6184 §8.1), when it has them.
/// </summary>
public sealed record VideoTrack(int Index, string ControlUrl, int PayloadType, int ClockRate, string Encoding, double? FrameRate)
{
    /// <summary>RFC 2435 §3 / RFC 3551 Table 5: JPEG is static payload type 26.</summary>
    public const int JpegStaticPayloadType = 26;

    public bool IsJpeg => string.Equals(Encoding, "JPEG", StringComparison.OrdinalIgnoreCase);

    public VideoEncoding Format => IsJpeg ? VideoEncoding.Jpeg : VideoEncoding.H264;

    /// <summary>SPS and PPS NAL units (no start codes) announced out of band; empty for JPEG or when the SDP has none.</summary>
    public IReadOnlyList<byte[]> ParameterSets { get; init; } = [];
}
