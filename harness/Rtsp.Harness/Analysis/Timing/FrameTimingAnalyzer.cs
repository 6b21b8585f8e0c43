using System.Globalization;
using Rtsp.Harness.Analysis.Payload;
using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis.Timing;

/// <summary>
/// When frames arrive against when their timestamps say they were sampled (RFC 3550 §5.1): the frame interval
/// distribution, Wireshark-compatible A.8 jitter, bitrate, and three pacing faults a real-time sender must not
/// have — late frames, bursts, and drift. Thresholds are generous for a noisy 2-core machine (stalls of a few ms
/// are normal there) yet catch a frame 30 ms late every second, 5 frames sent at once, or a sender 2% slow.
/// Judged from kernel receive times only (pcap, or SO_TIMESTAMPNS on the harness's UDP sockets): without them (TCP in
/// socket mode) the timing checks are not applicable, never failed on a user-space loop's scheduling.
/// </summary>
public sealed class FrameTimingAnalyzer : IAnalyzer, IArtifactProducer
{
    /// <summary>A frame arriving this much behind the schedule of the frames around it is late.</summary>
    public const double LateThresholdMs = 20;

    /// <summary>Late frames tolerated: this share of frames (at least <see cref="LateMinimumCount"/>).</summary>
    public const double LateShareLimit = 0.02;

    public const int LateMinimumCount = 3;

    /// <summary>An interval below this (and below 1/8 of the nominal one) is a frame sent "at once" with the previous.</summary>
    public const double BurstIntervalMs = 5;

    /// <summary>This many such intervals in a row (4 frames within a few ms) make a burst.</summary>
    public const int BurstRunLength = 3;

    /// <summary>Allowed drift of arrival against timestamps; 2% slow is 40x this.</summary>
    public const double DriftLimit = 0.005;

    /// <summary>Drift needs this much regular stream to be measurable at <see cref="DriftLimit"/>.</summary>
    public const double DriftMinimumSpanSeconds = 4;

    public static readonly CheckDefinition FrameInterval = new(
        "timing.frame-interval", CheckLevel.Metric, "RFC 3550 §5.1", "Frame interval mean, p50, p99 and largest deviation from nominal");

    public static readonly CheckDefinition Jitter = new(
        "timing.jitter", CheckLevel.Metric, "RFC 3550 §6.4.1, A.8", "Interarrival jitter (computed as Wireshark's RTP stream analysis does)");

    public static readonly CheckDefinition Bitrate = new(
        "timing.bitrate", CheckLevel.Metric, "RFC 3550 §6.4.1", "RTP bitrate per second and frame rate");

    public static readonly CheckDefinition LateFrames = new(
        "timing.late-frames", CheckLevel.Should, "RFC 3550 §5.1",
        $"Frames leave on their timestamps: at most {LateShareLimit:P0} arrive more than {LateThresholdMs} ms behind the schedule their neighbours keep");

    public static readonly CheckDefinition Burst = new(
        "timing.burst", CheckLevel.Should, "RFC 3550 §5.1", "Frames are paced: never 4 or more frames within a few ms");

    public static readonly CheckDefinition Drift = new(
        "timing.drift", CheckLevel.Should, "RFC 3550 §5.1",
        $"Over the run, arrival time keeps pace with the timestamps (drift within ±{DriftLimit:P1})");

    public IReadOnlyList<CheckDefinition> Checks { get; } = [FrameInterval, Jitter, Bitrate, LateFrames, Burst, Drift];

    public IEnumerable<CheckResult> Analyze(AnalysisInput input) => Analyze(input, new AnalysisArtifacts());

    public IEnumerable<CheckResult> Analyze(AnalysisInput input, AnalysisArtifacts artifacts)
    {
        var interval = new Violations(FrameInterval);
        var jitter = new Violations(Jitter);
        var bitrate = new Violations(Bitrate);
        var late = new Violations(LateFrames);
        var burst = new Violations(Burst);
        var drift = new Violations(Drift);
        var streams = MediaStreams.Of(input).Where(s => s.Rtp.Count > 0).ToList();
        var main = streams.OrderByDescending(s => s.Rtp.Count).FirstOrDefault();
        long origin = input.Packets.Count > 0 ? input.Packets[0].TimestampNs : 0;
        foreach (var stream in streams)
        {
            var timeline = FrameTimeline.Of(stream, input.Events);
            bool isMain = stream == main;
            if (!input.KernelTimestamps(stream.OverTcp))
            {
                // The times are when the harness's reading thread got to the packets (TCP in socket mode): its
                // scheduling, not the server's pacing. Only the bitrate, over whole seconds, stays meaningful.
                foreach (var timing in new[] { interval, jitter, late, burst, drift })
                {
                    timing.Note($"{stream.Name}: not judged — no kernel receive times for TCP-interleaved media in socket mode (capture with pcap to judge timing).");
                }

                MeasureBitrate(stream, timeline, isMain ? artifacts : null, origin, bitrate);
                continue;
            }

            MeasureIntervals(stream, timeline, DecodingOrderStep(stream, input, timeline), isMain ? artifacts : null, origin, interval, late, burst);
            MeasureJitter(stream, isMain ? artifacts : null, origin, jitter);
            MeasureBitrate(stream, timeline, isMain ? artifacts : null, origin, bitrate);
            MeasureDrift(stream, timeline, drift);
        }

        yield return interval.Result("", "fewer than two frames");
        yield return jitter.Result("", "no RTP from the server");
        yield return bitrate.Result("", "no RTP from the server");
        yield return late.Result("frames arrive on their timestamps.", "fewer than two frames");
        yield return burst.Result("no bursts.", "fewer than two frames");
        yield return drift.Result("arrival keeps pace with the timestamps.", $"no regular stretch of {DriftMinimumSpanSeconds} s to measure drift on");
    }

    /// <summary>
    /// H.264/H.265 pictures leave in decoding order: with B-frames their timestamps (presentation times) go back and
    /// forth while the sender still sends one picture per frame period (RFC 3550 §5.1 allows such timestamps). For
    /// them the schedule is one frame step per picture sent — the smallest positive timestamp step in presentation
    /// order — rather than each picture's own timestamp; null for formats always sent in sampling order
    /// (<see cref="PayloadFormat.MayBeSentInDecodingOrder"/>).
    /// </summary>
    private static int? DecodingOrderStep(MediaStream stream, AnalysisInput input, FrameTimeline timeline)
    {
        if (!PayloadFormat.Of(stream, input).MayBeSentInDecodingOrder)
        {
            return null;
        }

        var steps = timeline.Segments
            .Select(frames => frames.Select(f => unchecked((int)(f.Timestamp - frames[0].Timestamp))).Order().ToList())
            .SelectMany(sorted => sorted.Zip(sorted.Skip(1), (a, b) => b - a))
            .Where(step => step > 0)
            .Order()
            .ToList();
        return steps.Count == 0 ? null : steps[steps.Count / 2];
    }

    private static void MeasureIntervals(
        MediaStream stream, FrameTimeline timeline, int? decodingOrderStep, AnalysisArtifacts? artifacts, long origin, Violations interval, Violations late, Violations burst)
    {
        // Judge pacing against the stream's own measured clock: a wrong clock rate is rtp.ts.clock-rate's finding,
        // and must not make every frame look late here.
        double rateHz = ClockFit.Measure(timeline) is { RateHz: > 0 } fit && Math.Abs(fit.RateHz / 90000 - 1) > TimestampClockLimit ? fit.RateHz : 90000;
        var points = new List<SeriesPoint>();
        var intervals = new List<double>();
        var deviations = new List<double>();
        int frames = 0, lateFrames = 0;
        var lateNumbers = new List<long>();
        foreach (var segment in timeline.Segments)
        {
            frames += segment.Count;
            int burstRun = 0;
            for (int i = 1; i < segment.Count; i++)
            {
                double ms = (segment[i].ArrivalNs - segment[i - 1].ArrivalNs) / 1e6;
                int step = decodingOrderStep ?? unchecked((int)(segment[i].Timestamp - segment[i - 1].Timestamp));
                double nominalMs = step * 1000.0 / rateHz;
                intervals.Add(ms);
                deviations.Add(ms - nominalMs);
                points.Add(new SeriesPoint((segment[i].ArrivalNs - origin) / 1e9, ms));

                bool atOnce = ms < BurstIntervalMs && ms < nominalMs / 8;
                burstRun = atOnce ? burstRun + 1 : 0;
                if (burstRun == BurstRunLength)
                {
                    var start = segment[i - BurstRunLength];
                    burst.Add($"{stream.Name}: {BurstRunLength + 1} frames within {(segment[i].ArrivalNs - start.ArrivalNs) / 1e6:0.0} ms from packet #{start.FirstNumber}",
                        start.FirstNumber, segment[i].FirstNumber);
                }

            }
        }

        if (intervals.Count == 0)
        {
            return;
        }

        foreach (var segment in timeline.Segments)
        {
            foreach (int index in LateFrameIndexes(segment, rateHz, decodingOrderStep))
            {
                lateFrames++;
                lateNumbers.Add(segment[index].FirstNumber);
            }
        }

        burst.MarkJudged();
        late.MarkJudged();
        int tolerated = Math.Max(LateMinimumCount, (int)(LateShareLimit * frames));
        late.Metrics["late_frames"] = lateFrames;
        late.Metrics["frames"] = frames;
        if (lateFrames > tolerated)
        {
            late.Add($"{stream.Name}: {lateFrames} of {frames} frames arrived more than {LateThresholdMs} ms late (tolerated {tolerated}), first at packet #{lateNumbers[0]}",
                [.. lateNumbers]);
        }

        var sorted = intervals.Order().ToList();
        interval.MarkJudged();
        interval.Metrics["interval_mean_ms"] = Math.Round(intervals.Average(), 3);
        interval.Metrics["interval_p50_ms"] = Math.Round(Percentile(sorted, 0.50), 3);
        interval.Metrics["interval_p99_ms"] = Math.Round(Percentile(sorted, 0.99), 3);
        interval.Metrics["interval_max_ms"] = Math.Round(sorted[^1], 3);
        interval.Metrics["max_deviation_ms"] = Math.Round(deviations.Max(Math.Abs), 3);
        interval.Note(string.Create(CultureInfo.InvariantCulture,
            $"{stream.Name}: {intervals.Count} intervals, mean {intervals.Average():0.###} ms, p50 {Percentile(sorted, 0.5):0.###} ms, p99 {Percentile(sorted, 0.99):0.###} ms, max deviation from the timestamp step {deviations.Max(Math.Abs):0.###} ms."));
        if (artifacts is not null)
        {
            artifacts.Series["frame_interval_ms"] = points;
        }
    }

    private static void MeasureJitter(MediaStream stream, AnalysisArtifacts? artifacts, long origin, Violations jitter)
    {
        var statistics = new WiresharkRtpStatistics(90000);
        var points = new List<SeriesPoint>(stream.Rtp.Count);
        foreach (var packet in stream.Rtp)
        {
            double timeMs = (packet.TimestampNs - origin) / 1e6;
            statistics.Add(packet, timeMs);
            points.Add(new SeriesPoint(timeMs / 1000, statistics.JitterMs));
        }

        jitter.MarkJudged();
        jitter.Metrics["max_jitter_ms"] = Math.Round(statistics.MaxJitterMs, 3);
        jitter.Metrics["mean_jitter_ms"] = Math.Round(statistics.MeanJitterMs, 3);
        jitter.Metrics["max_delta_ms"] = Math.Round(statistics.MaxDeltaMs, 3);
        jitter.Note(string.Create(CultureInfo.InvariantCulture,
            $"{stream.Name}: max jitter {statistics.MaxJitterMs:0.###} ms, mean {statistics.MeanJitterMs:0.###} ms ({statistics.MaxJitterMs * 90:0} / {statistics.MeanJitterMs * 90:0} timestamp units), max delta {statistics.MaxDeltaMs:0.###} ms at packet #{statistics.MaxDeltaPacket}."));
        if (artifacts is not null)
        {
            artifacts.Series["jitter_ms"] = points;
        }
    }

    private static void MeasureBitrate(MediaStream stream, FrameTimeline timeline, AnalysisArtifacts? artifacts, long origin, Violations bitrate)
    {
        var bytesPerSecond = new SortedDictionary<long, long>();
        foreach (var packet in stream.Rtp)
        {
            long second = (packet.TimestampNs - origin) / 1_000_000_000;
            bytesPerSecond[second] = bytesPerSecond.GetValueOrDefault(second) + packet.Packet.Data.Length;
        }

        double spanSeconds = Math.Max(1e-9, (stream.Rtp[^1].TimestampNs - stream.Rtp[0].TimestampNs) / 1e9);
        long totalBytes = stream.Rtp.Sum(p => (long)p.Packet.Data.Length);
        int frames = timeline.Frames.Count();
        bitrate.MarkJudged();
        bitrate.Metrics["mean_kbps"] = Math.Round(totalBytes * 8 / spanSeconds / 1000, 1);
        bitrate.Metrics["frame_rate_fps"] = Math.Round(frames > 1 ? (frames - 1) / spanSeconds : 0, 3);
        bitrate.Note(string.Create(CultureInfo.InvariantCulture,
            $"{stream.Name}: {stream.Rtp.Count} packets, {totalBytes} bytes, {frames} frames in {spanSeconds:0.###} s: {totalBytes * 8 / spanSeconds / 1000:0.#} kbit/s, {(frames > 1 ? (frames - 1) / spanSeconds : 0):0.##} frames/s."));
        if (artifacts is not null)
        {
            artifacts.Series["bitrate_kbps"] = [.. bytesPerSecond.Select(kv => new SeriesPoint(kv.Key + 0.5, kv.Value * 8 / 1000.0))];
        }
    }

    private static void MeasureDrift(MediaStream stream, FrameTimeline timeline, Violations drift)
    {
        if (ClockFit.Measure(timeline) is not { } fit || fit.SpanSeconds < DriftMinimumSpanSeconds)
        {
            return;
        }

        // Arrival seconds per timestamp second, minus one: +0.02 = the sender runs 2% slow.
        double value = 90000 / fit.RateHz - 1;
        drift.Metrics["drift_percent"] = Math.Round(value * 100, 3);
        drift.Metrics["drift_ms_over_run"] = Math.Round(value * fit.SpanSeconds * 1000, 1);
        if (Math.Abs(value) > TimestampClockLimit)
        {
            drift.Note($"{stream.Name}: timestamps run at {fit.RateHz:0} Hz; that is a clock-rate error (rtp.ts.clock-rate), not drift.");
            return;
        }

        if (Math.Abs(value) > DriftLimit)
        {
            drift.Add(string.Create(CultureInfo.InvariantCulture,
                $"{stream.Name}: arrival drifts {value * 100:+0.00;-0.00}% against the timestamps ({value * fit.SpanSeconds * 1000:+0;-0} ms over {fit.SpanSeconds:0.0} s)"));
        }
        else
        {
            drift.MarkJudged();
            drift.Note(string.Create(CultureInfo.InvariantCulture, $"{stream.Name}: drift {value * 100:+0.000;-0.000}% over {fit.SpanSeconds:0.0} s."));
        }
    }

    /// <summary>
    /// Frames whose offset (arrival − timestamp time) exceeds the median offset of the frames around them by more
    /// than <see cref="LateThresholdMs"/>. The local median is "on time": it follows slow drift, ignores frames a
    /// burst sent early, and is not moved by one late frame in 25.
    /// </summary>
    private static IEnumerable<int> LateFrameIndexes(IReadOnlyList<MediaFrame> segment, double rateHz, int? decodingOrderStep)
    {
        const int window = 25;
        var offsets = new double[segment.Count];
        long unwrapped = 0;
        for (int i = 0; i < segment.Count; i++)
        {
            if (i > 0)
            {
                unwrapped += decodingOrderStep ?? unchecked((int)(segment[i].Timestamp - segment[i - 1].Timestamp));
            }

            offsets[i] = (segment[i].ArrivalNs - segment[0].ArrivalNs) / 1e6 - unwrapped * 1000.0 / rateHz;
        }

        for (int i = 0; i < segment.Count; i++)
        {
            int from = Math.Max(0, i - window);
            int to = Math.Min(segment.Count, i + window + 1);
            var around = offsets[from..to].Order().ToList();
            if (offsets[i] - around[around.Count / 2] > LateThresholdMs)
            {
                yield return i;
            }
        }
    }

    // Beyond this the timestamps, not the pacing, are wrong.
    private const double TimestampClockLimit = 0.05;

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
