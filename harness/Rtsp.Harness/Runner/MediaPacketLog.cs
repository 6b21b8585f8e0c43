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
