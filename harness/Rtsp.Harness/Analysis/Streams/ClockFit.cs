namespace Rtsp.Harness.Analysis.Streams;

/// <summary>
/// Least-squares fit of RTP timestamp against frame arrival time, pooled over runs of regular frames (each run its
/// own intercept, one common slope): the rate at which timestamps advance per second of arrival. A run ends at a
/// timestamp discontinuity (a step off the segment's median step by more than half, or backwards), so one jump
/// counts against rtp.ts.frame-delta and not against the clock rate; single late frames barely move a fit.
/// </summary>
public readonly record struct ClockFit(double RateHz, double SpanSeconds, int Frames)
{
    /// <summary>Runs shorter than this carry too little to fit.</summary>
    public const double MinimumSpanSeconds = 1.0;

    public static ClockFit? Measure(FrameTimeline timeline)
    {
        double sxx = 0, sxy = 0, span = 0;
        int frames = 0;
        foreach (var run in RegularRuns(timeline))
        {
            double runSpan = run[^1].X - run[0].X;
            if (run.Count < 3 || runSpan < MinimumSpanSeconds)
            {
                continue;
            }

            double meanX = run.Average(p => p.X);
            double meanY = run.Average(p => p.Y);
            foreach (var (x, y) in run)
            {
                sxx += (x - meanX) * (x - meanX);
                sxy += (x - meanX) * (y - meanY);
            }

            span += runSpan;
            frames += run.Count;
        }

        return sxx > 0 ? new ClockFit(sxy / sxx, span, frames) : null;
    }

    /// <summary>Pairs closer than this in arrival time are left out of <see cref="MedianRateHz"/>: over shorter spans
    /// one late frame changes the slope too much.</summary>
    public const double MedianPairSeconds = 0.5;

    /// <summary>
    /// The median over frames of Δtimestamp / Δarrival to the first frame at least <see cref="MedianPairSeconds"/>
    /// later, within runs of regular frames (runs shorter than <see cref="MinimumSpanSeconds"/> are skipped as in
    /// <see cref="Measure"/>). A least-squares slope over 2–3 s follows a scheduler stall on a loaded machine (the
    /// burst after it drags the whole line); the median ignores the minority of pairs that straddle a stall.
    /// Null when no run is long enough.
    /// </summary>
    public static double? MedianRateHz(FrameTimeline timeline)
    {
        var rates = new List<double>();
        foreach (var run in RegularRuns(timeline))
        {
            if (run.Count < 3 || run[^1].X - run[0].X < MinimumSpanSeconds)
            {
                continue;
            }

            int j = 0;
            for (int i = 0; i < run.Count; i++)
            {
                j = Math.Max(j, i + 1);
                while (j < run.Count && run[j].X - run[i].X < MedianPairSeconds)
                {
                    j++;
                }

                if (j == run.Count)
                {
                    break;
                }

                rates.Add((run[j].Y - run[i].Y) / (run[j].X - run[i].X));
            }
        }

        if (rates.Count == 0)
        {
            return null;
        }

        rates.Sort();
        return rates[rates.Count / 2];
    }

    /// <summary>(arrival seconds, unwrapped timestamp) per frame, in runs without discontinuities.</summary>
    public static IEnumerable<List<(double X, double Y)>> RegularRuns(FrameTimeline timeline)
    {
        foreach (var segment in timeline.Segments)
        {
            var steps = segment.Zip(segment.Skip(1), (a, b) => (double)unchecked((int)(b.Timestamp - a.Timestamp))).Where(s => s > 0).Order().ToList();
            double median = steps.Count > 0 ? steps[steps.Count / 2] : 0;
            var run = new List<(double X, double Y)>();
            long arrival0 = segment[0].ArrivalNs;
            double y = 0;
            for (int i = 0; i < segment.Count; i++)
            {
                if (i > 0)
                {
                    int step = unchecked((int)(segment[i].Timestamp - segment[i - 1].Timestamp));
                    if (step <= 0 || median <= 0 || Math.Abs(step / median - 1) > 0.5)
                    {
                        yield return run;
                        run = [];
                    }
                    else
                    {
                        y += step;
                    }
                }

                run.Add(((segment[i].ArrivalNs - arrival0) / 1e9, y));
            }

            yield return run;
        }
    }
}
