using System.Runtime.CompilerServices;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Harness.Analysis.Streams;

/// <summary>
/// A stream's RTP packets in sending order (extended sequence number, duplicates dropped, so network reordering
/// does not fake timestamp errors) grouped into frames (runs of one timestamp) and split into play segments, cut where
/// the data says the new position begins: at the packet with the seq (else the rtptime) a PLAY reply's RTP-Info announced,
/// or, without RTP-Info, at the first discontinuity within <see cref="DiscontinuityWindowNs"/> of the PLAY response.
/// Packets of the old position still in flight after the PLAY request stay in the old segment (RFC 2326 §12.33: RTP-Info
/// exists so that clients "gracefully deal with packets when seeking"). Without PLAY events, a silence over
/// <see cref="SegmentGapNs"/> ends a segment.
/// </summary>
public sealed class FrameTimeline
{
    /// <summary>Silence that ends a play segment when no PLAY events are known.</summary>
    public const long SegmentGapNs = 2_000_000_000;

    /// <summary>How long after a PLAY response without RTP-Info a discontinuity may mark the new segment: a later one is
    /// a discontinuity inside the segment, for the analyzers to judge.</summary>
    public const long DiscontinuityWindowNs = 2_000_000_000;

    /// <summary>A timestamp step larger than this (1 s at 90 kHz) or backwards is a discontinuity.</summary>
    private const int DiscontinuityTicks = 90_000;

    private static readonly ConditionalWeakTable<MediaStream, FrameTimeline> Cache = [];

    private FrameTimeline(List<List<MediaFrame>> segments, List<RtpObservation> ordered, IReadOnlyDictionary<long, SegmentCut> cuts)
    {
        Segments = segments;
        Ordered = ordered;
        Cuts = cuts;
    }

    /// <summary>Where each segment after the first begins: packet number → why it was cut there.</summary>
    public IReadOnlyDictionary<long, SegmentCut> Cuts { get; }

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
        var plays = events.Where(e => e.Method == "PLAY" && e.Succeeded && stream.BelongsToSession(e)).OrderBy(e => e.RequestTimestampNs).ToList();
        var cuts = plays.Count == 0 ? CutsAtSilences(stream.Rtp) : CutsAtPlays(stream, plays);
        var segments = new List<List<MediaFrame>>();
        var ordered = new List<RtpObservation>();
        foreach (var segmentPackets in Split(stream.Rtp, cuts))
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

        return new FrameTimeline(segments, ordered, cuts);
    }

    /// <summary>For each PLAY (in order), the packet where its segment begins, searched from the previous cut on.</summary>
    private static Dictionary<long, SegmentCut> CutsAtPlays(MediaStream stream, List<ScenarioEvent> plays)
    {
        var cuts = new Dictionary<long, SegmentCut>();
        var packets = stream.Rtp;
        int from = 0;
        foreach (var play in plays)
        {
            // Not before the request: nothing the server sent earlier can be of the new position.
            int start = packets.FindIndex(from, p => p.TimestampNs >= play.RequestTimestampNs);
            if (start < 0)
            {
                break;
            }

            // The new position shows within the window after the response, or not at all (a seq found minutes later
            // is the counter wrapping, not this PLAY).
            long until = (play.ResponseTimestampNs ?? play.RequestTimestampNs) + DiscontinuityWindowNs;
            var entry = Rtp.SequenceAnalyzer.RtpInfoFor(play, stream);
            int index = entry?.Seq is { } seq ? FindWithin(packets, start, until, p => p.Rtp.SequenceNumber == seq) : -1;
            var reason = SegmentCutReason.AnnouncedSeq;
            if (index < 0 && entry?.RtpTime is { } rtptime)
            {
                index = FindWithin(packets, start, until, p => p.Rtp.Timestamp == rtptime);
                reason = SegmentCutReason.AnnouncedRtpTime;
            }

            if (index < 0)
            {
                index = FirstDiscontinuity(packets, start, until);
                reason = SegmentCutReason.Discontinuity;
            }

            if (index <= 0)
            {
                continue; // the first packet of the stream, or no sign of a new position: one segment goes on
            }

            cuts[packets[index].Number] = new SegmentCut(play, reason);
            from = index;
        }

        return cuts;
    }

    private static int FindWithin(List<RtpObservation> packets, int start, long until, Predicate<RtpObservation> match)
    {
        for (int i = start; i < packets.Count && packets[i].TimestampNs <= until; i++)
        {
            if (match(packets[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // The first packet (from start, arriving before until) that does not continue the previous one. A sequence break
    // is the surest sign and is looked for first. Only without one, a timestamp break: a jump ahead of more than a
    // second, or back by more than half a second — pictures sent in decoding order (H.264/H.265 B-frames, RFC 3550
    // §5.1) step back by a few frames all the time, and taking such a step for the new position cut seeks in the
    // middle of the old position's packets.
    private static int FirstDiscontinuity(List<RtpObservation> packets, int start, long until)
    {
        int end = start;
        while (end < packets.Count && packets[end].TimestampNs <= until)
        {
            end++;
        }

        for (int i = Math.Max(1, start); i < end; i++)
        {
            if ((ushort)(packets[i].Rtp.SequenceNumber - packets[i - 1].Rtp.SequenceNumber) != 1)
            {
                return i;
            }
        }

        for (int i = Math.Max(1, start); i < end; i++)
        {
            int step = unchecked((int)(packets[i].Rtp.Timestamp - packets[i - 1].Rtp.Timestamp));
            if (step < -DiscontinuityTicks / 2 || step > DiscontinuityTicks)
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<long, SegmentCut> CutsAtSilences(List<RtpObservation> packets)
    {
        var cuts = new Dictionary<long, SegmentCut>();
        for (int i = 1; i < packets.Count; i++)
        {
            if (packets[i].TimestampNs - packets[i - 1].TimestampNs > SegmentGapNs)
            {
                cuts[packets[i].Number] = new SegmentCut(null, SegmentCutReason.Silence);
            }
        }

        return cuts;
    }

    private static IEnumerable<List<RtpObservation>> Split(List<RtpObservation> packets, IReadOnlyDictionary<long, SegmentCut> cuts)
    {
        var current = new List<RtpObservation>();
        foreach (var packet in packets)
        {
            if (cuts.ContainsKey(packet.Number) && current.Count > 0)
            {
                yield return current;
                current = [];
            }

            current.Add(packet);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }
}

/// <summary>Why a play segment begins where it does.</summary>
public enum SegmentCutReason
{
    /// <summary>The packet carries the seq the PLAY reply's RTP-Info announced.</summary>
    AnnouncedSeq,

    /// <summary>No packet had the announced seq (or none was announced); this one has the announced rtptime.</summary>
    AnnouncedRtpTime,

    /// <summary>No RTP-Info to go by: the first packet after the PLAY that does not continue the previous one.</summary>
    Discontinuity,

    /// <summary>No PLAY events (a capture without RTSP): a silence over <see cref="FrameTimeline.SegmentGapNs"/>.</summary>
    Silence,
}

/// <summary>The start of a play segment: the PLAY it belongs to (null for a silence) and what marked it.</summary>
public sealed record SegmentCut(ScenarioEvent? Play, SegmentCutReason Reason);

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
