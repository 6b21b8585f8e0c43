namespace Rtsp.Media;

/// <summary>How a source's frames are coded, which decides the RTP payload format they are sent in.</summary>
public enum MediaCodec
{
    /// <summary>Baseline JPEG RFC 2435 can carry (payload type 26): every frame stands alone.</summary>
    Jpeg,

    /// <summary>H.264 access units in Annex B (RFC 6184, dynamic payload type): decodable only from a keyframe on.</summary>
    H264,
}
