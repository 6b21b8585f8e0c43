using System.Globalization;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Runner;

/// <summary>
/// Socket-mode capture: every RTSP message and media packet the harness sends or receives during one scenario run,
/// numbered in arrival order, in the same <see cref="StreamPacket"/> form a pcap gives, so the analyzers cannot tell
/// the difference (except that timestamps come from the harness's receive loop, which the report says).
/// A flooding server cannot make it hold more than <see cref="MaxBytes"/> of packet data: past that, packets are
/// counted (<see cref="NotKept"/>) but not kept, and the report says so.
/// </summary>
public sealed class PacketRecorder(long maxBytes = PacketRecorder.DefaultMaxBytes)
{
    /// <summary>256 MiB: a 25 fps stream for hours, or any flood for the few seconds a scenario plays.</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    private readonly object gate = new();
    private readonly List<StreamPacket> packets = [];
    private long keptBytes;
    private long notKept;
    private long notKeptBytes;
    private long? firstNotKeptNs;
    private readonly List<HarnessDrop> socketDrops = [];

    public long MaxBytes { get; } = maxBytes;

    /// <summary>Packets seen but not kept because <see cref="MaxBytes"/> was reached.</summary>
    public long NotKept
    {
        get
        {
            lock (gate)
            {
                return notKept;
            }
        }
    }

    public StreamPacket Record(
        PacketKind kind, PacketDirection direction, bool overTcp, System.Net.IPEndPoint source, System.Net.IPEndPoint destination,
        int? channel, ReadOnlyMemory<byte> data, long? timestampNs = null)
    {
        var stamp = timestampNs ?? HarnessClock.NowNs();
        lock (gate)
        {
            var packet = new StreamPacket(packets.Count + 1, stamp, kind, direction, overTcp, source.Address.ToString(), source.Port,
                destination.Address.ToString(), destination.Port, channel, data);
            if (keptBytes + data.Length > MaxBytes)
            {
                firstNotKeptNs ??= stamp;
                notKept++;
                notKeptBytes += data.Length;
                return packet;
            }

            keptBytes += data.Length;
            packets.Add(packet);
            return packet;
        }
    }

    /// <summary>Datagrams a harness socket lost on a full receive buffer (see <see cref="UdpMediaReceiver"/>).</summary>
    public void NoteDrops(HarnessDrop drop)
    {
        lock (gate)
        {
            socketDrops.Add(drop);
        }
    }

    /// <summary>Everything the harness lost in this record: socket drops, and the packets past its limit (from the first
    /// one not kept to the end: analyzers see none of them).</summary>
    public IReadOnlyList<HarnessDrop> Drops()
    {
        lock (gate)
        {
            var drops = socketDrops.ToList();
            if (firstNotKeptNs is { } from)
            {
                drops.Add(new HarnessDrop(from, long.MaxValue, notKept, "recorder limit"));
            }

            return drops;
        }
    }

    /// <summary>Why the record is incomplete (for the scenario's message), or null when it holds everything.</summary>
    public string? Shortfall()
    {
        lock (gate)
        {
            return notKept == 0 ? null : string.Create(CultureInfo.InvariantCulture,
                $"the harness kept the first {packets.Count} packets ({keptBytes / (1024 * 1024)} MiB, its limit) and counted {notKept} more ({notKeptBytes / (1024.0 * 1024):0.#} MiB) it did not keep");
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
