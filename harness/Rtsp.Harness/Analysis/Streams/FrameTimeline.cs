using System.Runtime.CompilerServices;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Harness.Analysis.Streams;

/// <summary>
/// A stream's RTP packets in sending order (extended sequence number, duplicates dropped, so network reordering
/// does not fake timestamp errors) grouped into frames (runs of one timestamp) and split into play segments
/// (PLAY to PLAY, or a silence over <see cref="SegmentGapNs"/> when the capture has no RTSP).
/// </summary>
public sealed class FrameTimeline
{
    /// <summary>Silence that ends a play segment when no PLAY events are known.</summary>
    public const long SegmentGapNs = 2_000_000_000;

    private static readonly ConditionalWeakTable<MediaStream, FrameTimeline> Cache = [];

    private FrameTimeline(List<List<MediaFrame>> segments, List<RtpObservation> ordered)
    {
        Segments = segments;
        Ordered = ordered;
    }

    /// <summary>Frames per play segment.</summary>
    public IReadOnlyList<IReadOnlyList<MediaFrame>> Segments { get; }

    /// <summary>The packets in sequence order without duplicates.</summary>
    public IReadOnlyList<RtpObservation> Ordered { get; }

    public IEnumerable<MediaFrame> Frames => Segments.SelectMany(s => s);

    public static FrameTimeline Of(MediaStream stream, IReadOnlyList<ScenarioEvent> events) =>
        Cache.GetValue(stream, s => Build(s, events));

    private static FrameTimeline Build(MediaStream stream, IReadOnlyList<ScenarioEvent> events)
    {
        // Another session's PLAY starts nothing in this stream.
        var plays = events.Where(e => e.Method == "PLAY" && e.Succeeded && stream.BelongsToSession(e)).Select(e => e.RequestTimestampNs).Order().ToList();
        var segments = new List<List<MediaFrame>>();
        var ordered = new List<RtpObservation>();
        foreach (var segmentPackets in SplitIntoSegments(stream.Rtp, plays))
        {
            // Within a segment, order by extended sequence number and drop repeats.
            var seen = new HashSet<long>();
            // Unwrap relative to the highest sequence number so far (RFC 3550 A.1): late packets land before it.
            long highest = -1;
            var keyed = new List<(long Extended, RtpObservation Packet)>(segmentPackets.Count);
            foreach (var packet in segmentPackets)
            {
                ushort seq = packet.Rtp.SequenceNumber;
                long extended = highest < 0 ? seq : highest + RtpSequence.Difference(seq, (ushort)highest);
                highest = Math.Max(highest, extended);
                keyed.Add((extended, packet));
            }

            var frames = new List<MediaFrame>();
            MediaFrame? current = null;
            foreach (var (extended, packet) in keyed.OrderBy(k => k.Extended))
            {
                if (!seen.Add(extended))
                {
                    continue;
                }

                ordered.Add(packet);
                if (current is null || current.Timestamp != packet.Rtp.Timestamp)
                {
                    current = new MediaFrame(packet.Rtp.Timestamp);
                    frames.Add(current);
                }

                current.Packets.Add(packet);
                current.ExtendedSequences.Add(extended);
            }

            if (frames.Count > 0)
            {
                segments.Add(frames);
            }
        }

        return new FrameTimeline(segments, ordered);
    }

    private static IEnumerable<List<RtpObservation>> SplitIntoSegments(List<RtpObservation> packets, List<long> plays)
    {
        var current = new List<RtpObservation>();
        int playIndex = 0;
        long? lastArrival = null;
        foreach (var packet in packets)
        {
            bool newPlay = false;
            while (playIndex < plays.Count && plays[playIndex] <= packet.TimestampNs)
            {
                playIndex++;
                newPlay = true;
            }

            bool longSilence = plays.Count == 0 && lastArrival is { } last && packet.TimestampNs - last > SegmentGapNs;
            if ((newPlay || longSilence) && current.Count > 0)
            {
                yield return current;
                current = [];
            }

            current.Add(packet);
            lastArrival = packet.TimestampNs;
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }
}

/// <summary>The packets of one RTP timestamp, in sequence order.</summary>
public sealed class MediaFrame(uint timestamp)
{
    public uint Timestamp { get; } = timestamp;

    public List<RtpObservation> Packets { get; } = [];

    public List<long> ExtendedSequences { get; } = [];

    /// <summary>When the frame started to arrive (its earliest packet), ns.</summary>
    public long ArrivalNs => Packets.Min(p => p.TimestampNs);

    public long FirstNumber => Packets[0].Number;

    public int Bytes => Packets.Sum(p => p.Packet.Data.Length);
}
