namespace Rtsp.Protocol.H26x;

/// <summary>The two NAL-unit video codecs whose RTP payload formats share one design: H.264 (RFC 6184) and H.265 (RFC 7798).</summary>
public enum H26xCodec
{
    /// <summary>H.264 / AVC, RFC 6184: one-byte NAL unit header.</summary>
    H264,

    /// <summary>H.265 / HEVC, RFC 7798: two-byte NAL unit header.</summary>
    H265,
}
