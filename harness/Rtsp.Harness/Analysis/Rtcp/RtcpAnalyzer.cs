using System.Globalization;
using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Packets;
using Rtsp.Protocol.Rtcp;

namespace Rtsp.Harness.Analysis.Rtcp;

/// <summary>
/// The server's RTCP (RFC 3550 §6): compound structure, Sender Reports about every 5 s, SR timestamps and counts
/// consistent with the RTP actually sent, and BYE at TEARDOWN.
/// </summary>
public sealed class RtcpAnalyzer : IAnalyzer
{
    /// <summary>5 s minimum interval × the 1.5 randomisation of §6.3.1, plus scheduling slack.</summary>
    public const double MaxSenderReportGapSeconds = 8.5;

    /// <summary>How far an SR's RTP timestamp may sit from the stream's timestamp at the SR's arrival.</summary>
    public const double SenderReportTimestampToleranceMs = 100;

    /// <summary>Packets captured this close to an SR (either side) may or may not be in its counts: the SR is generated
    /// a little before it reaches the wire, and a sender's RTP session may count a packet before its sink sends it
    /// (GStreamer 1.22 mid-stream: up to ~2 frames ahead of the wire).</summary>
    public const long CountInFlightNs = 100_000_000;

    /// <summary>How long after the TEARDOWN response a BYE may still come.</summary>
    public const long ByeWindowNs = 2_000_000_000;

    // RFC 3550 §6.1: "The first RTCP packet in the compound packet MUST always be a report packet" and "An SDES packet
    // containing a CNAME item MUST be included in each compound RTCP packet".
    public static readonly CheckDefinition Compound = new(
        "rtcp.compound", CheckLevel.Must, "RFC 3550 §6.1",
        "Every RTCP compound parses, starts with SR or RR and carries an SDES CNAME");

    // RFC 3550 §6.2: "the recommended minimum fixed interval is 5 seconds"; §6.3 randomises it.
    public static readonly CheckDefinition Interval = new(
        "rtcp.sr.interval", CheckLevel.Should, "RFC 3550 §6.2, §6.3",
        $"While RTP flows, Sender Reports come at least every {MaxSenderReportGapSeconds} s (5 s minimum interval, randomised ×0.5–1.5)");

    public static readonly CheckDefinition NtpRtp = new(
        "rtcp.sr.ntp-rtp", CheckLevel.Should, "RFC 3550 §6.4.1",
        "An SR's RTP timestamp matches the stream's timestamps at the time it is sent, and NTP advances with it between SRs");

    // RFC 3550 §6.4.1: "sender's packet count: 32 bits The total number of RTP data packets transmitted by the sender since
    // starting transmission up until the time this SR packet was generated." A definition, but the moment "this SR packet
    // was generated" is not on the wire, and senders count a packet when their RTP session takes it (GStreamer: a few ms
    // before it is sent). Judged against the capture with a frame's packets plus those in flight as tolerance, and as
    // SHOULD: beyond that tolerance the report shows the counts as wrong, far off (halved, backwards) included.
    public static readonly CheckDefinition Counts = new(
        "rtcp.sr.counts", CheckLevel.Should, "RFC 3550 §6.4.1",
        "An SR's packet and octet counts match the RTP the capture shows sent before it, within one frame's packets plus those in flight");

    // RFC 3550 §6.6 (BYE "indicates that one or more sources are no longer active"); RFC 2326 §10.7 does not require it.
    public static readonly CheckDefinition Bye = new(
        "rtcp.bye", CheckLevel.Should, "RFC 3550 §6.6, RFC 2326 §10.7", "After TEARDOWN the server sends an RTCP BYE for its SSRC");

    public IReadOnlyList<CheckDefinition> Checks { get; } = [Compound, Interval, NtpRtp, Counts, Bye];

    public IEnumerable<CheckResult> Analyze(AnalysisInput input)
    {
        var compound = new Violations(Compound);
        var interval = new Violations(Interval);
        var ntpRtp = new Violations(NtpRtp);
        var counts = new Violations(Counts);
        var bye = new Violations(Bye);
        var teardowns = input.Events.Where(e => e.Method == "TEARDOWN" && e.Succeeded && e.ResponseTimestampNs is not null).ToList();
        foreach (var stream in MediaStreams.Of(input))
        {
            var reports = new List<(StreamPacket Packet, RtcpSenderReport Report)>();
            var byes = new List<(StreamPacket Packet, RtcpGoodbye Bye)>();
            foreach (var packet in stream.Rtcp)
            {
                if (!RtcpCompoundPacket.TryParse(packet.Data.Span, out var parts, out var error))
                {
                    compound.Add($"{stream.Name}: RTCP packet #{packet.Number} does not parse: {error}", packet.Number);
                    continue;
                }

                string? problem = parts!.Count == 0 ? "is empty"
                    : parts[0] is not (RtcpSenderReport or RtcpReceiverReport) ? $"starts with packet type {parts[0].PacketType}, not SR/RR"
                    : !parts.OfType<RtcpSourceDescription>().SelectMany(s => s.Chunks).Any(c => !string.IsNullOrEmpty(c.Cname)) ? "has no SDES CNAME"
                    : null;
                if (problem is null)
                {
                    compound.MarkJudged();
                }
                else
                {
                    compound.Add($"{stream.Name}: RTCP compound #{packet.Number} {problem}", packet.Number);
                }

                reports.AddRange(parts.OfType<RtcpSenderReport>().Select(r => (packet, r)));
                byes.AddRange(parts.OfType<RtcpGoodbye>().Select(b => (packet, b)));
            }

            if (stream.Rtp.Count == 0)
            {
                continue;
            }

            var timeline = FrameTimeline.Of(stream, input.Events);
            CheckInterval(stream, reports, interval);
            if (input.KernelTimestamps(stream.OverTcp))
            {
                CheckNtpRtp(stream, timeline, reports, input.Events, ntpRtp);
            }
            else
            {
                ntpRtp.Note($"{stream.Name}: not judged — SR arrival times are a user-space loop's for TCP-interleaved media in socket mode.");
            }

            CheckCounts(stream, input, reports, counts);
            CheckBye(stream, teardowns, byes, bye);
        }

        yield return compound.Result("every compound well formed.", "no RTCP from the server");
        yield return interval.Result("Sender Reports kept coming while RTP flowed.", $"no stretch of RTP longer than {MaxSenderReportGapSeconds} s");
        yield return ntpRtp.Result("SR timestamps consistent with the stream.", "no Sender Report during RTP");
        yield return counts.Result("SR counts match what was sent.", "no Sender Report, or the capture did not see the stream from its start");
        yield return bye.Result("BYE sent after TEARDOWN.", "no TEARDOWN while RTP was flowing");
    }

    private static void CheckInterval(MediaStream stream, List<(StreamPacket Packet, RtcpSenderReport Report)> reports, Violations interval)
    {
        // Stretches of continuous RTP (no silence over 1 s): within each, SRs must keep coming.
        var times = reports.Select(r => r.Packet.TimestampNs).Order().ToList();
        foreach (var (start, end, first) in ActiveStretches(stream))
        {
            if ((end - start) / 1e9 < MaxSenderReportGapSeconds)
            {
                continue;
            }

            var inside = times.Where(t => t >= start && t <= end).ToList();
            var marks = new List<long> { start };
            marks.AddRange(inside);
            marks.Add(end);
            double worst = marks.Zip(marks.Skip(1), (a, b) => (b - a) / 1e9).Max();
            interval.Metrics["max_sr_gap_s"] = Math.Round(Math.Max(interval.Metrics.GetValueOrDefault("max_sr_gap_s"), worst), 3);
            if (worst > MaxSenderReportGapSeconds)
            {
                interval.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{stream.Name}: {inside.Count} SRs during {(end - start) / 1e9:0.0} s of RTP from packet #{first}; longest gap {worst:0.0} s"), first);
            }
            else
            {
                interval.MarkJudged();
            }
        }
    }

    private static IEnumerable<(long Start, long End, long FirstNumber)> ActiveStretches(MediaStream stream)
    {
        long start = stream.Rtp[0].TimestampNs, last = start, first = stream.Rtp[0].Number;
        foreach (var packet in stream.Rtp.Skip(1))
        {
            if (packet.TimestampNs - last > 1_000_000_000)
            {
                yield return (start, last, first);
                start = packet.TimestampNs;
                first = packet.Number;
            }

            last = packet.TimestampNs;
        }

        yield return (start, last, first);
    }

    private static void CheckNtpRtp(
        MediaStream stream, FrameTimeline timeline, List<(StreamPacket Packet, RtcpSenderReport Report)> reports, IReadOnlyList<ScenarioEvent> events, Violations ntpRtp)
    {
        // RTP time stands still while paused (RFC 2326 §10.6) and NTP does not: compare SRs within one PLAY only.
        var plays = events.Where(e => e.Method == "PLAY").Select(e => e.RequestTimestampNs).ToList();
        var frames = timeline.Frames.OrderBy(f => f.ArrivalNs).ToList();
        (StreamPacket Packet, RtcpSenderReport Report)? previous = null;
        foreach (var (packet, report) in reports)
        {
            // The last frame sent before the SR, if it was sent less than a second before (else the stream is paused).
            int index = frames.FindLastIndex(f => f.ArrivalNs <= packet.TimestampNs);
            if (index < 0 || packet.TimestampNs - frames[index].ArrivalNs > 1_000_000_000 || frames[index].Packets[0].Rtp.Ssrc != report.Ssrc)
            {
                previous = null;
                continue;
            }

            var frame = frames[index];
            double predicted = frame.Timestamp + (packet.TimestampNs - frame.ArrivalNs) / 1e9 * 90000;
            double offsetMs = unchecked((int)(report.RtpTimestamp - (uint)(long)predicted)) / 90.0;
            ntpRtp.Metrics["max_sr_offset_ms"] = Math.Round(Math.Max(ntpRtp.Metrics.GetValueOrDefault("max_sr_offset_ms"), Math.Abs(offsetMs)), 3);
            if (Math.Abs(offsetMs) > SenderReportTimestampToleranceMs)
            {
                ntpRtp.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{stream.Name}: SR #{packet.Number} says rtptime {report.RtpTimestamp}, the stream was at ≈{(uint)(long)predicted} ({offsetMs:+0.0;-0.0} ms)"), packet.Number);
            }
            else if (previous is { } prior && prior.Report.Ssrc == report.Ssrc
                && !plays.Any(t => t > prior.Packet.TimestampNs && t < packet.TimestampNs))
            {
                double ntpSeconds = (report.NtpTimestamp.Value - prior.Report.NtpTimestamp.Value) / 4294967296.0;
                double rtpSeconds = unchecked((int)(report.RtpTimestamp - prior.Report.RtpTimestamp)) / 90000.0;
                double mismatchMs = (ntpSeconds - rtpSeconds) * 1000;
                if (Math.Abs(mismatchMs) > SenderReportTimestampToleranceMs + Math.Abs(rtpSeconds) * 10)
                {
                    ntpRtp.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{stream.Name}: between SR #{prior.Packet.Number} and #{packet.Number} NTP advanced {ntpSeconds:0.000} s but rtptime {rtpSeconds:0.000} s"),
                        prior.Packet.Number, packet.Number);
                }
                else
                {
                    ntpRtp.MarkJudged();
                }
            }
            else
            {
                ntpRtp.MarkJudged();
            }

            previous = (packet, report);
        }
    }

    private static void CheckCounts(MediaStream stream, AnalysisInput input, List<(StreamPacket Packet, RtcpSenderReport Report)> reports, Violations counts)
    {
        if (reports.Count == 0 || !SawStreamStart(stream, input))
        {
            return;
        }

        // One frame of tolerance: the largest frame of the stream, in packets and in payload octets.
        var frames = stream.Rtp.GroupBy(p => (p.Rtp.Ssrc, p.Rtp.Timestamp)).ToList();
        int framePackets = frames.Max(f => f.Count());
        long frameOctets = frames.Max(f => f.Sum(p => (long)p.Rtp.Payload.Length));
        // Packets that did not parse as RTP were still sent: they count, with 0..all of their bytes as payload.
        // After an SSRC change the counts SHOULD restart (§6.4.1); a sender that keeps counting is accepted too.
        var all = stream.Rtp.Select(p => (p.Packet, Ssrc: (uint?)p.Rtp.Ssrc, Low: p.Rtp.Payload.Length, High: p.Rtp.Payload.Length))
            .Concat(stream.Unparsed.Select(u => (u.Packet, Ssrc: (uint?)null, Low: 0, High: u.Packet.Data.Length)))
            .OrderBy(p => p.Packet.Number).ToList();
        long streamStart = all[0].Packet.TimestampNs;
        var previous = new Dictionary<uint, (long Packets, long Number)>();
        foreach (var (packet, report) in reports)
        {
            long t = packet.TimestampNs;
            var bounds = new[] { all.Where(p => p.Ssrc is null || p.Ssrc == report.Ssrc).ToList(), all }
                .Select(sent =>
                {
                    var surelyBefore = sent.Where(p => p.Packet.TimestampNs < t - CountInFlightNs && p.Packet.Number < packet.Number).ToList();
                    var maybeBefore = sent.Where(p => p.Packet.Number < packet.Number || p.Packet.TimestampNs <= t + CountInFlightNs).ToList();
                    return (Before: sent.Count(p => p.Packet.Number < packet.Number),
                        Low: Math.Max(0, surelyBefore.Count - framePackets), High: maybeBefore.Count + framePackets,
                        OctetsLow: Math.Max(0, surelyBefore.Sum(p => (long)p.Low) - frameOctets), OctetsHigh: maybeBefore.Sum(p => (long)p.High) + frameOctets);
                })
                .ToList();
            if (bounds[0].Before == 0 && bounds[0].High - framePackets == 0)
            {
                continue;
            }

            var (before, low, high, octetsLow, octetsHigh) = bounds[0];
            bool packetsMatch = bounds.Any(b => report.PacketCount >= b.Low && report.PacketCount <= b.High);
            bool octetsMatch = bounds.Any(b => report.OctetCount >= b.OctetsLow && report.OctetCount <= b.OctetsHigh);
            counts.Metrics["last_sr_packet_count"] = report.PacketCount;
            counts.Metrics["packets_sent_before_last_sr"] = before;
            counts.Metrics["tolerance_packets"] = framePackets;
            bool backwards = previous.TryGetValue(report.Ssrc, out var prior) && report.PacketCount < prior.Packets;
            previous[report.Ssrc] = (report.PacketCount, packet.Number);
            // A quarter beyond the tolerance is no question of when a packet counts: the counts are wrong.
            string far = report.PacketCount > high * 1.25 || report.PacketCount < low * 0.75 ? " — far off" : "";
            if (backwards)
            {
                counts.Add($"{stream.Name}: SR #{packet.Number} counts {report.PacketCount} packets, fewer than the {prior.Packets} of SR #{prior.Number} for the same SSRC (the count runs since the start of transmission)",
                    prior.Number, packet.Number);
            }
            else if ((!packetsMatch && report.PacketCount > high) || (!octetsMatch && report.OctetCount > octetsHigh))
            {
                // More than the capture shows sent: if the harness lost packets itself before the SR, they may be ours.
                if (input.PacketsPossiblyLost(streamStart, t))
                {
                    counts.Note($"SR #{packet.Number} counts {report.PacketCount} packets, the capture shows {before}: {input.CaptureLossEvidence(streamStart, t)}.");
                }
                else
                {
                    counts.Add(!packetsMatch
                        ? $"{stream.Name}: SR #{packet.Number} counts {report.PacketCount} packets; the capture shows {before} sent before it (allowed {low}–{high}: one frame of {framePackets} packets and those within {CountInFlightNs / 1_000_000} ms){far}"
                        : $"{stream.Name}: SR #{packet.Number} counts {report.OctetCount} payload octets; the capture allows {octetsLow}–{octetsHigh} around it",
                        packet.Number);
                }
            }
            else if (!packetsMatch)
            {
                counts.Add($"{stream.Name}: SR #{packet.Number} counts {report.PacketCount} packets; the capture shows {before} sent before it (allowed {low}–{high}: one frame of {framePackets} packets and those within {CountInFlightNs / 1_000_000} ms){far}", packet.Number);
            }
            else if (!octetsMatch)
            {
                counts.Add($"{stream.Name}: SR #{packet.Number} counts {report.OctetCount} payload octets; the capture allows {octetsLow}–{octetsHigh} around it", packet.Number);
            }
            else
            {
                counts.MarkJudged();
            }
        }
    }

    // The counts run from the start of transmission: only judge them when the capture holds the first PLAY of
    // the stream and a packet before any RTP.
    private static bool SawStreamStart(MediaStream stream, AnalysisInput input)
    {
        var firstPlay = input.Events.Where(e => e.Method == "PLAY" && e.Succeeded && stream.BelongsToSession(e)).MinBy(e => e.RequestTimestampNs);
        return firstPlay is not null && firstPlay.RequestTimestampNs <= stream.Rtp[0].TimestampNs
            && (Rtp.SequenceAnalyzer.AnnouncedSeq(firstPlay, stream) is not { } seq || seq == stream.Rtp[0].Rtp.SequenceNumber);
    }

    private static void CheckBye(MediaStream stream, List<ScenarioEvent> teardowns, List<(StreamPacket Packet, RtcpGoodbye Bye)> byes, Violations bye)
    {
        foreach (var teardown in teardowns)
        {
            // Only a TEARDOWN of a session that was streaming (RTP within the 2 s before it) owes a BYE.
            bool streaming = stream.Rtp.Any(p => p.TimestampNs <= teardown.RequestTimestampNs && p.TimestampNs > teardown.RequestTimestampNs - 2_000_000_000);
            if (!streaming || (stream.Transport?.SessionId is { } session && teardown.ResponseHeader("Session") is { } header && !header.StartsWith(session, StringComparison.Ordinal)))
            {
                continue;
            }

            var last = stream.Rtp.Last(p => p.TimestampNs <= teardown.RequestTimestampNs);
            var ssrc = last.Rtp.Ssrc;
            // A source that said BYE after its last packet (at the end of its media, RFC 3550 §6.6: it left the
            // session then) owes no second one at TEARDOWN; seen on play-to-end and seeks to near the end.
            long from = Math.Min(teardown.RequestTimestampNs - 1_000_000_000, last.TimestampNs);
            long until = teardown.ResponseTimestampNs!.Value + ByeWindowNs;
            if (byes.Any(b => b.Packet.TimestampNs >= from && b.Packet.TimestampNs <= until && b.Bye.Sources.Contains(ssrc)))
            {
                bye.MarkJudged();
            }
            else
            {
                bye.Add($"{stream.Name}: no BYE for SSRC {ssrc:X8} within 2 s of the TEARDOWN response");
            }
        }
    }
}
