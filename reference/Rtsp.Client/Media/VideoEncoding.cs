namespace Rtsp.Client.Media;

/// <summary>The RTP payload formats the client depacketizes.</summary>
public enum VideoEncoding
{
    /// <summary>RFC 2435: each frame a JFIF image.</summary>
    Jpeg,

    /// <summary>RFC 6184 (packetization-mode 0 or 1): each frame an access unit in Annex B.</summary>
    H264,
}
