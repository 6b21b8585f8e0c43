namespace Rtsp.Harness.Packets;

/// <summary>What a captured unit is once UDP datagrams and TCP byte streams have been split.</summary>
public enum PacketKind
{
    Rtp,
    Rtcp,
    RtspRequest,
    RtspResponse,
    /// <summary>Bytes that could not be classified (kept so analyzers can show them as evidence).</summary>
    Unknown,
}
