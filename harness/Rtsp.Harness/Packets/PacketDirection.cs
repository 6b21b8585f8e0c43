namespace Rtsp.Harness.Packets;

/// <summary>Which way a packet went, seen from the server under test.</summary>
public enum PacketDirection
{
    ToServer,
    FromServer,
}
