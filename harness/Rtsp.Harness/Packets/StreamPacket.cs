namespace Rtsp.Harness.Packets;

/// <summary>
/// One RTP/RTCP packet or RTSP message, however it was obtained: a UDP datagram from a pcap, a `$` frame cut
/// out of a reassembled TCP stream, or (socket mode) a datagram the harness's own receiver took. Analyzers see
/// only these, so a verdict never depends on how the packets were obtained.
/// </summary>
/// <param name="Number">1-based frame number in the capture (what Wireshark shows), or the arrival index in socket mode.</param>
/// <param name="TimestampNs">Capture time, nanoseconds since the Unix epoch.</param>
/// <param name="Channel">Interleaved channel for TCP `$` frames; null for UDP.</param>
public sealed record StreamPacket(
    long Number,
    long TimestampNs,
    PacketKind Kind,
    PacketDirection Direction,
    bool OverTcp,
    string SourceAddress,
    int SourcePort,
    string DestinationAddress,
    int DestinationPort,
    int? Channel,
    ReadOnlyMemory<byte> Data);
