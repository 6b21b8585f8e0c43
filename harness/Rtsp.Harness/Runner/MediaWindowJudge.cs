using System.Globalization;
using Rtsp.Harness.Analysis.Rtsp;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Scenarios.Steps;

namespace Rtsp.Harness.Runner;

/// <summary>Judges an <see cref="ExpectRtpStep"/> from the packets a session received in its window.</summary>
public static class MediaWindowJudge
{
    /// <summary>Frames, counted as changes of RTP timestamp in arrival order (not marker bits: see <see cref="ExpectRtpStep"/>).</summary>
    public static int CountFrames(IReadOnlyList<MediaPacketEntry> packets)
    {
        var frames = 0;
        uint? last = null;
        foreach (var p in packets)
        {
            if (p.Timestamp != last)
            {
                frames++;
                last = p.Timestamp;
            }
        }

        return frames;
    }

    /// <summary>A nominal frame rate and where it was learned (shown in the evidence of relative bounds).</summary>
    public readonly record struct Rate(double FramesPerSecond, string Source);

    /// <param name="rate">The target's rate, for relative bounds (<c>80%</c>); null when the step's bounds are absolute.</param>
    public static CheckResult JudgeWindow(ExpectRtpStep step, CheckDefinition check, IReadOnlyList<MediaPacketEntry> window, long windowStartNs, Rate? rate = null)
    {
        var where = step.Describe();
        if (step.Silence && JudgedByAnalyzer(check))
        {
            // One judge per rule: SilenceAnalyzer judges every PAUSE/TEARDOWN from its response time, from the same packets.
            return new CheckResult(check, Verdict.NotApplicable,
                $"{where}: the silence window is judged by the media analysis from the {(check.Id == RtspChecks.PauseSilence.Id ? "PAUSE" : "TEARDOWN")} response ({window.Count} packet(s) in the window)");
        }

        if (step.Silence)
        {
            var graceEnd = windowStartNs + (long)(step.Grace.TotalMilliseconds * 1e6);
            var late = window.Where(p => p.ArrivalNs >= graceEnd).ToList();
            return late.Count == 0
                ? new CheckResult(check, Verdict.Pass,
                    $"{where}: no RTP from {step.Grace.TotalMilliseconds:0} ms to {step.Window.TotalMilliseconds:0} ms ({window.Count} packet(s) within the grace time)")
                : new CheckResult(check, Verdict.Fail,
                    $"{where}: {late.Count} RTP packet(s) after the {step.Grace.TotalMilliseconds:0} ms grace time; first seq {late[0].Sequence} at +{Ms(late[0].ArrivalNs - windowStartNs)} ms",
                    Metrics: new Dictionary<string, double> { ["late_packets"] = late.Count });
        }

        var frames = CountFrames(window);
        var fps = rate?.FramesPerSecond ?? 0;
        var problems = new List<string>();
        var bounds = new List<string>();
        if (step.FramesAtLeast is { } atLeast)
        {
            var least = atLeast.LowerBound(fps, step.Window);
            bounds.Add($"at least {least}{Explain(atLeast, rate, step.Window)}");
            if (frames < least)
            {
                problems.Add($"fewer than {least}");
            }
        }

        if (step.FramesAtMost is { } atMost)
        {
            var most = atMost.UpperBound(fps, step.Window);
            bounds.Add($"at most {most}{Explain(atMost, rate, step.Window)}");
            if (frames > most)
            {
                problems.Add($"more than {most}");
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{where}: {frames} frame(s) in {window.Count} packet(s) over {step.Window.TotalSeconds:0.###} s (expected {string.Join(", ", bounds)})");
        var metrics = new Dictionary<string, double> { ["frames"] = frames, ["packets"] = window.Count };
        return problems.Count == 0
            ? new CheckResult(check, Verdict.Pass, summary, Metrics: metrics)
            : new CheckResult(check, Verdict.Fail, $"{summary}: {string.Join(" and ", problems)}", Metrics: metrics);
    }

    /// <summary>Judges the resume around <paramref name="resumeAtNs"/> (the PLAY request) from a session's packet log,
    /// counting the datagrams the harness's own socket dropped between the two packets compared.</summary>
    public static IReadOnlyList<CheckResult> JudgeResume(MediaPacketLog log, long resumeAtNs, double frameRate)
    {
        var last = log.LastBefore(resumeAtNs);
        var first = log.FirstAfter(resumeAtNs);
        long dropped = last is { } l && first is { } f ? log.DroppedBetween(l.ArrivalNs, f.ArrivalNs) : log.DroppedBetween(0, long.MaxValue);
        return JudgeResume(last, first, frameRate, dropped);
    }

    /// <summary>
    /// RFC 2326 §10.5: "If a stream has been paused via PAUSE, stream delivery resumes at the pause point" — the first packet
    /// after the resume continues the last one before it with seq +1 (RFC 3550 §5.1), judged as rtsp.pause.resume (MUST).
    /// Where the RTP clock stands meanwhile RFC 2326 leaves to the server: a timestamp a frame or so on is judged as
    /// rtsp.pause.resume-clock (ADVISORY). A seq step over a stretch where the harness's socket dropped datagrams is
    /// inconclusive: the missing packets may be ours.
    /// </summary>
    public static IReadOnlyList<CheckResult> JudgeResume(MediaPacketEntry? lastBefore, MediaPacketEntry? firstAfter, double frameRate, long harnessDropped = 0, int clockRate = 90000)
    {
        var check = RtspChecks.ResumeContinuity;
        var clock = RtspChecks.ResumeClock;
        if (lastBefore is not { } last)
        {
            return [new CheckResult(check, Verdict.Fail, "no RTP arrived before the PAUSE, so there is nothing to continue from")];
        }

        if (firstAfter is not { } first)
        {
            return [new CheckResult(check, Verdict.Fail, $"no RTP arrived after the resuming PLAY (last before it: seq {last.Sequence}, ts {last.Timestamp})")];
        }

        var seqStep = (ushort)(first.Sequence - last.Sequence);
        var tsStep = unchecked((int)(first.Timestamp - last.Timestamp));
        var frameTicks = clockRate / frameRate;
        var maxTicks = (int)Math.Ceiling(3 * frameTicks);
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"last before resume seq {last.Sequence} ts {last.Timestamp}; first after seq {first.Sequence} ts {first.Timestamp} (Δseq {seqStep}, Δts {tsStep}; one frame = {frameTicks:0.#})");
        var metrics = new Dictionary<string, double> { ["delta_seq"] = seqStep, ["delta_ts"] = tsStep };
        var seqResult = seqStep == 1 ? new CheckResult(check, Verdict.Pass, evidence, Metrics: metrics)
            : harnessDropped > 0 && seqStep > 1 && seqStep <= harnessDropped + 1
                ? new CheckResult(check, Verdict.NotApplicable,
                    $"inconclusive: the harness's socket dropped {harnessDropped} datagram(s) between these packets: {evidence}", Metrics: metrics)
                : new CheckResult(check, Verdict.Fail, $"sequence does not continue +1: {evidence}", Metrics: metrics);
        var clockResult = tsStep > 0 && tsStep <= maxTicks
            ? new CheckResult(clock, Verdict.Pass, evidence, Metrics: metrics)
            : new CheckResult(clock, Verdict.Fail,
                $"timestamps moved by {tsStep} ticks over the pause (allowed 1..{maxTicks}; RFC 2326 leaves the clock during PAUSE to the server): {evidence}",
                Metrics: metrics);
        return [seqResult, clockResult];
    }

    private static bool JudgedByAnalyzer(CheckDefinition check) =>
        check.Id == RtspChecks.PauseSilence.Id || check.Id == RtspChecks.TeardownSilence.Id;

    private static string Explain(FrameCount bound, Rate? rate, TimeSpan window) =>
        bound.IsRelative && rate is { } r ? $" = {bound.Explain(r.FramesPerSecond, window)}, rate {r.Source}" : string.Empty;

    private static string Ms(long ns) => (ns / 1e6).ToString("0", CultureInfo.InvariantCulture);
}
