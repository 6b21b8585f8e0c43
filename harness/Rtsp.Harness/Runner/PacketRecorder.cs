using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Runner;

/// <summary>
/// Socket-mode capture: every RTSP message and media packet the harness sends or receives during one scenario run,
/// numbered in arrival order, in the same <see cref="StreamPacket"/> form a pcap gives, so the analyzers cannot tell
/// the difference (except that timestamps come from the harness's receive loop, which the report says).
/// </summary>
public sealed class PacketRecorder
{
    private readonly object gate = new();
    private readonly List<StreamPacket> packets = [];

    public StreamPacket Record(
        PacketKind kind, PacketDirection direction, bool overTcp, System.Net.IPEndPoint source, System.Net.IPEndPoint destination,
        int? channel, ReadOnlyMemory<byte> data, long? timestampNs = null)
    {
        var stamp = timestampNs ?? HarnessClock.NowNs();
        lock (gate)
        {
            var packet = new StreamPacket(packets.Count + 1, stamp, kind, direction, overTcp, source.Address.ToString(), source.Port,
                destination.Address.ToString(), destination.Port, channel, data);
            packets.Add(packet);
            return packet;
        }
    }

    public IReadOnlyList<StreamPacket> Snapshot()
    {
        lock (gate)
        {
            return packets.ToList();
        }
    }
}
