using System.Buffers.Binary;

namespace Rtsp.Harness.Runner;

/// <summary>
/// The RTP packets one session received, reduced to what scenario steps judge (arrival, seq, timestamp). Read from the
/// fixed header bytes directly, not through a strict parser, so a server sending a wrong version or payload type still
/// has its frames counted — those faults belong to the RTP header checks, not to expect_rtp.
/// </summary>
public sealed class MediaPacketLog
{
    private readonly object gate = new();
    private readonly List<MediaPacketEntry> entries = [];
    private readonly List<(long FromNs, long ToNs, long Count)> drops = [];

    public void Add(long arrivalNs, ReadOnlySpan<byte> rtp)
    {
        if (rtp.Length < 12)
        {
            return;
        }

        var entry = new MediaPacketEntry(arrivalNs, BinaryPrimitives.ReadUInt16BigEndian(rtp[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(rtp[4..]), BinaryPrimitives.ReadUInt32BigEndian(rtp[8..]), (rtp[1] & 0x80) != 0);
        lock (gate)
        {
            entries.Add(entry);
        }
    }

    /// <summary>Datagrams the harness's socket dropped between two arrivals (its receive buffer was full).</summary>
    public void NoteDrops(long fromNs, long toNs, long count)
    {
        lock (gate)
        {
            drops.Add((fromNs, toNs, count));
        }
    }

    /// <summary>How many datagrams the harness itself lost between <paramref name="fromNs"/> and <paramref name="toNs"/>.</summary>
    public long DroppedBetween(long fromNs, long toNs)
    {
        lock (gate)
        {
            return drops.Where(d => d.FromNs <= toNs && d.ToNs >= fromNs).Sum(d => d.Count);
        }
    }

    public IReadOnlyList<MediaPacketEntry> Between(long fromNs, long toNs)
    {
        lock (gate)
        {
            return entries.Where(e => e.ArrivalNs >= fromNs && e.ArrivalNs < toNs).ToList();
        }
    }

    public MediaPacketEntry? LastBefore(long ns)
    {
        lock (gate)
        {
            return entries.LastOrDefault(e => e.ArrivalNs < ns);
        }
    }

    public MediaPacketEntry? FirstAfter(long ns)
    {
        lock (gate)
        {
            return entries.FirstOrDefault(e => e.ArrivalNs >= ns);
        }
    }
}

public readonly record struct MediaPacketEntry(long ArrivalNs, ushort Sequence, uint Timestamp, uint Ssrc, bool Marker);
