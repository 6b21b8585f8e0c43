using System.Globalization;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Scenarios.Steps;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>
/// Slowloris (CWE-400): several connections each drip a request that never ends (an endless header value), one byte per
/// interval, until the target cuts them off or the step's bound runs out. A connection counts as cut off when the target
/// closes it or answers it (a 408 or 400 ends the request too).
/// </summary>
public static class SlowlorisAttack
{
    public static CheckResult Run(RobustnessContext context, SlowlorisStep step)
    {
        var check = context.Check(step.CheckId);
        var prefix = WireText.Bytes(context.Fill("OPTIONS {target} RTSP/1.0\r\nCSeq: {cseq}\r\nX-Slow: "));
        var connections = new List<RtspConnection>();
        var refusedAtConnect = 0;
        try
        {
            for (var i = 0; i < step.Connections; i++)
            {
                try
                {
                    connections.Add(context.Open());
                }
                catch (TargetUnreachableException)
                {
                    refusedAtConnect++;
                }
            }

            context.Note($"[slowloris] {connections.Count} connection(s) each drip {WireText.Excerpt(prefix)} then 'a' forever, one byte every {step.Interval.TotalMilliseconds:0} ms, for at most {step.Duration.TotalSeconds:0.#} s");
            var start = HarnessClock.NowNs();
            var cutAt = new long?[connections.Count];
            var bytesSent = new int[connections.Count];
            var end = start + (long)(step.Duration.TotalMilliseconds * 1e6);
            while (HarnessClock.NowNs() < end && cutAt.Any(c => c is null))
            {
                for (var i = 0; i < connections.Count; i++)
                {
                    if (cutAt[i] is not null)
                    {
                        continue;
                    }

                    var connection = connections[i];
                    if (connection.ClosedReason is not null || connection.PendingResponses > 0)
                    {
                        cutAt[i] = HarnessClock.NowNs() - start;
                        continue;
                    }

                    var next = bytesSent[i] < prefix.Length ? prefix[bytesSent[i]] : (byte)'a';
                    connection.Send([next], record: false);
                    bytesSent[i]++;
                }

                context.Sleep(step.Interval);
            }

            // One last look: a close that arrived during the final interval still counts.
            for (var i = 0; i < connections.Count; i++)
            {
                if (cutAt[i] is null && (connections[i].ClosedReason is not null || connections[i].PendingResponses > 0))
                {
                    cutAt[i] = HarnessClock.NowNs() - start;
                }
            }

            var cut = cutAt.Where(c => c is not null).Select(c => c!.Value / 1e9).Order().ToList();
            var open = connections.Count - cut.Count;
            var metrics = new Dictionary<string, double>
            {
                ["connections"] = step.Connections, ["cut_off"] = cut.Count + refusedAtConnect, ["still_open"] = open,
                ["max_bytes_sent"] = bytesSent.DefaultIfEmpty(0).Max(),
            };
            if (cut.Count > 0)
            {
                metrics["first_cut_s"] = Math.Round(cut[0], 2);
                metrics["last_cut_s"] = Math.Round(cut[^1], 2);
            }

            var refusedText = refusedAtConnect > 0 ? $"{refusedAtConnect} refused at connect; " : string.Empty;
            var cutText = cut.Count == 0 ? "none cut off" : string.Create(CultureInfo.InvariantCulture, $"{cut.Count} cut off after {cut[0]:0.0}–{cut[^1]:0.0} s");
            var evidence = string.Create(CultureInfo.InvariantCulture,
                $"{step.Describe()}: {step.Connections} connection(s) dripping one byte every {step.Interval.TotalMilliseconds:0} ms: {refusedText}{cutText}; {open} still open at the {step.Duration.TotalSeconds:0.#} s bound after {bytesSent.DefaultIfEmpty(0).Max()} bytes each");
            return new CheckResult(check, open == 0 ? Verdict.Pass : Verdict.Fail, evidence, Metrics: metrics);
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
    }
}
