namespace Rtsp.Harness.Capture;

/// <summary>A UDP datagram or TCP segment cut out of a link-layer frame.</summary>
/// <param name="Truncated">The capture's snaplen cut the payload short.</param>
public readonly record struct TransportSegment(
    bool IsTcp,
    string SourceAddress,
    int SourcePort,
    string DestinationAddress,
    int DestinationPort,
    uint TcpSequence,
    TcpFlags Flags,
    ReadOnlyMemory<byte> Payload,
    bool Truncated);

[Flags]
public enum TcpFlags : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
}
