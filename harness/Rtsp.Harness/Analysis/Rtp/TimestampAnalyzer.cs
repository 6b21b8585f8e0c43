using System.Globalization;
using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis.Rtp;

/// <summary>
/// RTP timestamps: the 90 kHz clock (declared and measured against arrival times), the step between frames
/// against the frame rate, monotonic order, and the first packet after each PLAY against the RTP-Info the PLAY
/// response announced.
/// </summary>
public sealed class TimestampAnalyzer : IAnalyzer
{
    /// <summary>Measured clock rate tolerance. A sender running 2% slow is drift (FrameTimingAnalyzer), not a wrong clock.</summary>
    public const double ClockRateTolerance = 0.05;

    /// <summary>How far a frame's timestamp step may differ from 90000 / frame rate.</summary>
    public const double FrameDeltaTolerance = 0.05;

    public const int VideoClockRate = 90000;

    public static readonly CheckDefinition ClockRate = new(
        "rtp.ts.clock-rate", CheckLevel.Must, "RFC 2435 §3, RFC 3551 §5",
        "The JPEG clock is 90 kHz: a=rtpmap says so and timestamps advance at 90000 per second of arrival time (±5%)");

    public static readonly CheckDefinition FrameDelta = new(
        "rtp.ts.frame-delta", CheckLevel.Should, "RFC 3550 §5.1, RFC 2435 §3",
        "Consecutive frames' timestamps differ by 90000 / frame rate (±5%)");

    public static readonly CheckDefinition Monotonic = new(
        "rtp.ts.monotonic", CheckLevel.Must, "RFC 3550 §5.1", "Within a play segment, frame timestamps increase in sequence-number order");

    public static readonly CheckDefinition RtpInfo = new(
        "rtp.rtpinfo.match", CheckLevel.Must, "RFC 2326 §12.33, §10.5",
        "The first RTP packet after each PLAY has the seq and rtptime its RTP-Info announced");

    public IReadOnlyList<CheckDefinition> Checks { get; } = [ClockRate, FrameDelta, Monotonic, RtpInfo];

    public IEnumerable<CheckResult> Analyze(AnalysisInput input)
    {
        var sdp = SdpInfo.Of(input);
        var clock = new Violations(ClockRate);
        var delta = new Violations(FrameDelta);
        var monotonic = new Violations(Monotonic);
        var rtpInfo = new Violations(RtpInfo);
        foreach (var stream in MediaStreams.Of(input).Where(s => s.Rtp.Count > 0))
        {
            var timeline = FrameTimeline.Of(stream, input.Events);
            if (sdp.MediaFor(stream)?.RtpMaps.GetValueOrDefault(stream.Rtp[0].Rtp.PayloadType) is { } map)
            {
                if (map.ClockRate != VideoClockRate && map.EncodingName.Equals("JPEG", StringComparison.OrdinalIgnoreCase))
                {
                    clock.Add($"{stream.Name}: a=rtpmap:{map.PayloadType} {map} declares {map.ClockRate} Hz");
                }
                else
                {
                    clock.MarkJudged();
                }
            }

            if (ClockFit.Measure(timeline) is { } fit)
            {
                clock.Metrics["measured_clock_hz"] = Math.Round(fit.RateHz, 1);
                if (Math.Abs(fit.RateHz / VideoClockRate - 1) > ClockRateTolerance)
                {
                    clock.Add($"{stream.Name}: timestamps advance at {fit.RateHz.ToString("0", CultureInfo.InvariantCulture)} Hz of arrival time over {fit.SpanSeconds:0.0} s, not 90000",
                        timeline.Frames.First().FirstNumber);
                }
                else
                {
                    clock.MarkJudged();
                }
            }

            CheckDeltas(stream, timeline, sdp.FrameRateFor(stream, input), delta, monotonic);
            CheckRtpInfo(stream, input.Events, rtpInfo);
        }

        yield return clock.Result("90 kHz declared and measured.", "no RTP stream long enough (1 s) to measure and no rtpmap");
        yield return delta.Result("every frame step matches the frame rate.", "fewer than two frames");
        yield return monotonic.Result("timestamps increase frame to frame.", "fewer than two frames");
        yield return rtpInfo.Result("the first packet after each PLAY matched RTP-Info.", "no PLAY response with RTP-Info");
    }

    private static void CheckDeltas(MediaStream stream, FrameTimeline timeline, double? frameRate, Violations delta, Violations monotonic)
    {
        var steps = timeline.Segments
            .SelectMany(frames => frames.Zip(frames.Skip(1), (a, b) => (Previous: a, Next: b, Step: unchecked((int)(b.Timestamp - a.Timestamp)))))
            .ToList();
        if (steps.Count == 0)
        {
            return;
        }

        // Without a=framerate the typical step is the nominal one.
        double nominal = frameRate is { } fps ? VideoClockRate / fps : Median(steps.Where(s => s.Step > 0).Select(s => (double)s.Step).ToList());
        delta.Metrics["nominal_step"] = Math.Round(nominal, 1);
        foreach (var (previous, next, step) in steps)
        {
            if (step <= 0)
            {
                monotonic.Add($"{stream.Name}: timestamp {next.Timestamp} at packet #{next.FirstNumber} follows {previous.Timestamp} (step {step})", next.FirstNumber);
                continue;
            }

            monotonic.MarkJudged();
            if (nominal > 0 && Math.Abs(step / nominal - 1) > FrameDeltaTolerance)
            {
                delta.Add($"{stream.Name}: step {step} at packet #{next.FirstNumber} (nominal {nominal:0.#})", next.FirstNumber);
            }
            else
            {
                delta.MarkJudged();
            }
        }
    }

    private static void CheckRtpInfo(MediaStream stream, IReadOnlyList<ScenarioEvent> events, Violations rtpInfo)
    {
        var plays = events.Where(e => e.Method == "PLAY" && e.Succeeded && stream.BelongsToSession(e)).OrderBy(e => e.RequestTimestampNs).ToList();
        if (stream.Transport is null && plays.Select(p => p.ResponseHeader("Session")).Distinct().Count() > 1)
        {
            return; // PLAYs of several sessions and no way to tell which is this stream's
        }

        for (int i = 0; i < plays.Count; i++)
        {
            var entry = SequenceAnalyzer.RtpInfoFor(plays[i], stream);
            if (entry is null || (entry.Seq is null && entry.RtpTime is null))
            {
                continue;
            }

            long until = i + 1 < plays.Count ? plays[i + 1].RequestTimestampNs : long.MaxValue;
            var first = stream.Rtp.FirstOrDefault(p => p.TimestampNs >= plays[i].RequestTimestampNs && p.TimestampNs < until);
            if (first.Packet is null)
            {
                continue;
            }

            var problems = new List<string>();
            if (entry.Seq is { } seq && seq != first.Rtp.SequenceNumber)
            {
                problems.Add($"seq {first.Rtp.SequenceNumber}, RTP-Info seq={seq}");
            }

            if (entry.RtpTime is { } rtptime && rtptime != first.Rtp.Timestamp)
            {
                problems.Add($"timestamp {first.Rtp.Timestamp}, RTP-Info rtptime={rtptime}");
            }

            if (problems.Count > 0)
            {
                rtpInfo.Add($"{stream.Name}: first packet #{first.Number} after PLAY has {string.Join(" and ", problems)}", first.Number);
            }
            else
            {
                rtpInfo.MarkJudged();
            }
        }
    }

    internal static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        return values[values.Count / 2];
    }
}
