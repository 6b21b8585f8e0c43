using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Checks;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Harness.Analysis.Rtp;

/// <summary>
/// Sequence numbers as RFC 3550 A.1/A.3 count them (Rtsp.Protocol's <see cref="RtpReceptionStatistics"/>): loss,
/// duplicates, reordering, wraps. Over TCP nothing can be lost or reordered on the way, so any irregularity is the
/// sender's (MUST); over UDP each kind is its own SHOULD finding.
/// </summary>
public sealed class SequenceAnalyzer : IAnalyzer
{
    // RFC 3550 §5.1: "The sequence number increments by one for each RTP data packet sent"; over TCP (RFC 2326 §10.12)
    // nothing is lost or reordered on the way, so a gap is the sender's. Judged within play segments (FrameTimeline).
    public static readonly CheckDefinition TcpContinuity = new(
        "rtp.seq.continuity", CheckLevel.Must, "RFC 3550 §5.1, RFC 2326 §10.12",
        "Over TCP every RTP packet's sequence number is the previous one + 1 (mod 2^16): no gap, duplicate or reorder");

    // RFC 3550 §5.1 / A.3: loss is what receivers measure, not a requirement on the sender; SHOULD. The only check that
    // judges UDP loss, and only when the harness lost nothing itself (HarnessDrops).
    public static readonly CheckDefinition Loss = new(
        "rtp.seq.loss", CheckLevel.Should, "RFC 3550 §5.1, A.3", "Over UDP no sequence number is missing (A.3 cumulative loss 0)");

    public static readonly CheckDefinition Duplicates = new(
        "rtp.seq.duplicates", CheckLevel.Should, "RFC 3550 §5.1, A.1", "No sequence number is sent twice");

    public static readonly CheckDefinition Reorder = new(
        "rtp.seq.reorder", CheckLevel.Should, "RFC 3550 §5.1, A.1", "Packets leave in sequence-number order");

    // RFC 3550 §5.1: "The initial value of the sequence number SHOULD be random" (and the timestamp's likewise).
    public static readonly CheckDefinition InitialRandom = new(
        "rtp.seq.initial-random", CheckLevel.Should, "RFC 3550 §5.1",
        "The initial sequence number and timestamp are random (not both zero)");

    public static readonly CheckDefinition Statistics = new(
        "rtp.seq.statistics", CheckLevel.Metric, "RFC 3550 A.1, A.3", "Packets received, expected, lost, duplicated, reordered, wraps");

    public IReadOnlyList<CheckDefinition> Checks { get; } = [TcpContinuity, Loss, Duplicates, Reorder, InitialRandom, Statistics];

    public IEnumerable<CheckResult> Analyze(AnalysisInput input)
    {
        var continuity = new Violations(TcpContinuity);
        var loss = new Violations(Loss);
        var duplicates = new Violations(Duplicates);
        var reorder = new Violations(Reorder);
        var initial = new Violations(InitialRandom);
        var statistics = new Violations(Statistics);
        long received = 0, expected = 0, lost = 0, duplicated = 0, reordered = 0, wraps = 0;
        foreach (var stream in MediaStreams.Of(input).Where(s => s.Rtp.Count > 0))
        {
            var first = stream.Rtp[0].Rtp;
            if (first.SequenceNumber == 0 && first.Timestamp == 0)
            {
                initial.Add($"{stream.Name}: first packet #{stream.Rtp[0].Number} has seq 0 and timestamp 0", stream.Rtp[0].Number);
            }
            else
            {
                initial.MarkJudged();
            }

            // A PLAY restarts the count where its segment begins (the packet with RTP-Info's seq, else its rtptime, else
            // the first discontinuity after the response): packets of the old position still in flight belong to the old
            // count, and a new position whose first packet is not the one RTP-Info announced is rtp.rtpinfo.match's finding.
            var cuts = FrameTimeline.Of(stream, input.Events).Cuts;
            var stats = new RtpReceptionStatistics();
            var gaps = new List<(long Number, int Missing)>();
            ushort previous = 0;
            var streamContinuity = stream.OverTcp ? continuity : null;
            // Whether the harness lost packets itself while this stream flowed: then a gap may be ours.
            bool harnessLost = input.PacketsPossiblyLost(stream.Rtp[0].TimestampNs, stream.Rtp[^1].TimestampNs);
            foreach (var packet in stream.Rtp)
            {
                ushort seq = packet.Rtp.SequenceNumber;
                bool announcedRestart = stats.Started && seq != (ushort)(previous + 1) && cuts.TryGetValue(packet.Number, out var cut)
                    && cut.Reason is SegmentCutReason.AnnouncedSeq or SegmentCutReason.AnnouncedRtpTime or SegmentCutReason.Discontinuity;
                if (announcedRestart)
                {
                    Accumulate(stats, ref received, ref expected, ref lost, ref duplicated, ref reordered, ref wraps);
                    stats = new RtpReceptionStatistics();
                    gaps.Clear();
                }

                var result = stats.Update(seq);
                switch (result)
                {
                    case SequenceEvent.Gap or SequenceEvent.Jump or SequenceEvent.Restart:
                        int missing = RtpSequence.Difference(seq, previous) - 1;
                        gaps.Add((packet.Number, missing));
                        if (streamContinuity is not null && input.PacketsPossiblyLost(PreviousArrival(stream, packet), packet.TimestampNs))
                        {
                            streamContinuity.Note($"seq {seq} after {previous} at packet #{packet.Number}: {input.CaptureLossEvidence(PreviousArrival(stream, packet), packet.TimestampNs)}.");
                        }
                        else
                        {
                            streamContinuity?.Add($"{stream.Name}: seq {seq} followed {previous} at packet #{packet.Number}", packet.Number);
                        }

                        if (!stream.OverTcp && result != SequenceEvent.Gap && !harnessLost)
                        {
                            loss.Add($"{stream.Name}: seq jumped from {previous} to {seq} at packet #{packet.Number}", packet.Number);
                        }

                        break;
                    case SequenceEvent.Duplicate:
                        streamContinuity?.Add($"{stream.Name}: seq {seq} repeated at packet #{packet.Number}", packet.Number);
                        if (!stream.OverTcp)
                        {
                            duplicates.Add($"{stream.Name}: seq {seq} repeated at packet #{packet.Number}", packet.Number);
                        }

                        break;
                    case SequenceEvent.Reordered:
                        streamContinuity?.Add($"{stream.Name}: seq {seq} arrived after {previous} at packet #{packet.Number}", packet.Number);
                        if (!stream.OverTcp)
                        {
                            reorder.Add($"{stream.Name}: seq {seq} arrived after {previous} at packet #{packet.Number}", packet.Number);
                        }

                        break;
                    default:
                        streamContinuity?.MarkJudged();
                        break;
                }

                if (RtpSequence.Difference(seq, previous) > 0 || result is SequenceEvent.First or SequenceEvent.Restart)
                {
                    previous = seq;
                }
            }

            if (!stream.OverTcp)
            {
                duplicates.MarkJudged();
                reorder.MarkJudged();
                long missingAtEnd = stats.Expected - (stats.Received - stats.Duplicates);
                // Only rtp.seq.loss judges UDP loss, and only when the harness lost nothing itself meanwhile.
                if (harnessLost)
                {
                    loss.Note($"{stream.Name}: {missingAtEnd} missing; {input.CaptureLossEvidence(stream.Rtp[0].TimestampNs, stream.Rtp[^1].TimestampNs)}.");
                }
                else if (missingAtEnd > 0)
                {
                    // Gaps later filled by reordered packets are not losses; report the gaps still open.
                    loss.Add($"{stream.Name}: {missingAtEnd} of {stats.Expected} expected packets never arrived (first gap at packet #{gaps.FirstOrDefault().Number})",
                        [.. gaps.Select(g => g.Number)]);
                }
                else
                {
                    loss.MarkJudged();
                }
            }

            Accumulate(stats, ref received, ref expected, ref lost, ref duplicated, ref reordered, ref wraps);
            statistics.MarkJudged();
        }

        statistics.Metrics["received"] = received;
        statistics.Metrics["expected"] = expected;
        statistics.Metrics["lost"] = lost;
        statistics.Metrics["duplicates"] = duplicated;
        statistics.Metrics["reordered"] = reordered;
        statistics.Metrics["wraps"] = wraps;
        yield return continuity.Result("every packet followed the previous by one.", "no RTP over TCP in this run");
        yield return loss.Result("no sequence number missing.", "no RTP over UDP in this run");
        yield return duplicates.Result("no duplicate sequence numbers.", "no RTP over UDP in this run");
        yield return reorder.Result("packets in order.", "no RTP over UDP in this run");
        yield return initial.Result("initial seq/timestamp not both zero.", "no RTP from the server");
        yield return statistics.Result(
            $"received {received}, expected {expected}, lost {lost}, duplicates {duplicated}, reordered {reordered}, wraps {wraps}.",
            "no RTP from the server");
    }

    private static void Accumulate(RtpReceptionStatistics stats,
        ref long received, ref long expected, ref long lost, ref long duplicated, ref long reordered, ref long wraps)
    {
        received += stats.Received;
        expected += stats.Expected;
        lost += Math.Max(0, stats.Expected - (stats.Received - stats.Duplicates));
        duplicated += stats.Duplicates;
        reordered += stats.Reordered;
        wraps += stats.ExtendedHighestSequence >> 16;
    }

    private static long PreviousArrival(MediaStream stream, RtpObservation packet)
    {
        int index = stream.Rtp.FindLastIndex(p => p.Number < packet.Number);
        return index < 0 ? 0 : stream.Rtp[index].TimestampNs;
    }

    /// <summary>The seq RTP-Info announced for this stream in a PLAY response, if any.</summary>
    internal static ushort? AnnouncedSeq(ScenarioEvent play, MediaStream stream) => RtpInfoFor(play, stream)?.Seq;

    internal static RtpInfoEntry? RtpInfoFor(ScenarioEvent play, MediaStream stream)
    {
        if (!RtpInfoHeader.TryParse(play.ResponseHeader("RTP-Info"), out var header) || header!.Entries.Count == 0)
        {
            return null;
        }

        string? url = stream.Transport?.ControlUrl;
        if (url is not null)
        {
            var match = header.Entries.FirstOrDefault(e => e.Url == url || e.Url.EndsWith(url, StringComparison.Ordinal) || url.EndsWith(e.Url, StringComparison.Ordinal));
            if (match is not null)
            {
                return match;
            }
        }

        return header.Entries.Count == 1 ? header.Entries[0] : null;
    }
}
