using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Runner;

/// <summary>Telling RTP from RTCP when the port or channel does not say (RFC 5761 §4: RTCP packet types 192-223).</summary>
public static class MediaPacketKinds
{
    public static PacketKind Classify(ReadOnlySpan<byte> data) =>
        data.Length >= 2 && data[1] is >= 192 and <= 223 ? PacketKind.Rtcp : PacketKind.Rtp;
}
