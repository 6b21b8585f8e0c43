using System.Globalization;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Scenarios.Steps;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>
/// Sends one well-formed request whole (the baseline answer), then split across TCP writes, on a connection of its own:
/// each split send must get the baseline's status with its own CSeq echoed. A connection that fails a split is replaced,
/// so one bad position does not spoil the next; after <see cref="MaxFailures"/> the rest are skipped (each can cost a wait).
/// </summary>
public static class SplitSender
{
    private const int MaxFailures = 5;

    public static CheckResult Split(RobustnessContext context, SplitStep step)
    {
        var check = context.Check(step.CheckId);
        var probe = Baseline(context, step.Request, step.Wait, out var connection, out var baseline);
        if (probe is not null)
        {
            return new CheckResult(check, Verdict.Fail, $"{step.Describe()}: {probe}");
        }

        var failures = new List<string>();
        var tried = 0;
        var length = WireText.Bytes(context.Fill(step.Request)).Length;
        var positions = step.Positions ?? Enumerable.Range(1, length - 1).ToList();
        try
        {
            foreach (var position in positions)
            {
                var bytes = WireText.Bytes(context.Fill(step.Request));
                if (position >= bytes.Length)
                {
                    continue;
                }

                tried++;
                var sent = HarnessClock.NowNs();
                connection.Record(bytes, sent);
                connection.Send(bytes[..position], record: false);
                context.Sleep(step.Pause);
                connection.Send(bytes[position..], record: false);
                if (Answer(connection, bytes, baseline, step.Wait) is { } problem)
                {
                    failures.Add($"split after byte {position} ({WireText.Excerpt(bytes.AsSpan(Math.Max(0, position - 6), Math.Min(6, position)))} | {WireText.Excerpt(bytes.AsSpan(position, Math.Min(6, bytes.Length - position)))}): {problem}");
                    connection.Dispose();
                    connection = context.Open();
                    if (failures.Count >= MaxFailures)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            connection.Dispose();
        }

        var metrics = new Dictionary<string, double> { ["positions"] = tried, ["failed"] = failures.Count };
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{step.Describe()}: {Method(step.Request)} of {length} bytes split at {tried} position(s), {step.Pause.TotalMilliseconds:0} ms between the two writes; the whole request got {baseline}");
        return failures.Count == 0
            ? new CheckResult(check, Verdict.Pass, $"{summary}; every split got the same answer", Metrics: metrics)
            : new CheckResult(check, Verdict.Fail,
                $"{summary}; {failures.Count} split(s) did not{(failures.Count >= MaxFailures ? $" (stopped after {MaxFailures})" : string.Empty)}: {string.Join("; ", failures)}",
                Metrics: metrics);
    }

    public static CheckResult ByteWise(RobustnessContext context, ByteWiseStep step)
    {
        var check = context.Check(step.CheckId);
        var probe = Baseline(context, step.Request, step.Wait, out var connection, out var baseline);
        if (probe is not null)
        {
            return new CheckResult(check, Verdict.Fail, $"{step.Describe()}: {probe}");
        }

        using (connection)
        {
            var bytes = WireText.Bytes(context.Fill(step.Request));
            var sent = HarnessClock.NowNs();
            connection.Record(bytes, sent);
            for (var i = 0; i < bytes.Length; i++)
            {
                if (i > 0)
                {
                    context.Sleep(step.Interval);
                }

                connection.Send(bytes[i..(i + 1)], record: false);
            }

            var problem = Answer(connection, bytes, baseline, step.Wait);
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{step.Describe()}: {Method(step.Request)} of {bytes.Length} bytes sent one byte per write, {step.Interval.TotalMilliseconds:0} ms apart, over {WireText.Ms(HarnessClock.NowNs() - sent)} ms; the whole request got {baseline}");
            return problem is null
                ? new CheckResult(check, Verdict.Pass, $"{summary}; so did the byte-wise one")
                : new CheckResult(check, Verdict.Fail, $"{summary}; the byte-wise one: {problem}");
        }
    }

    /// <summary>Opens the connection and sends the request whole; returns a problem text, or null with the baseline status.</summary>
    private static string? Baseline(RobustnessContext context, string template, TimeSpan wait, out RtspConnection connection, out int baseline)
    {
        connection = context.Open();
        var bytes = WireText.Bytes(context.Fill(template));
        connection.Send(bytes);
        var response = connection.WaitResponse(wait);
        baseline = response?.StatusCode ?? 0;
        if (response?.StatusCode is null)
        {
            var problem = $"the whole request {WireText.Excerpt(bytes)} got {(response is null ? $"no answer within {wait.TotalSeconds:0.#} s" : "an unparseable answer")}, so there is nothing to compare splits with";
            connection.Dispose();
            return problem;
        }

        return null;
    }

    /// <summary>Null when the answer has the baseline status and this request's CSeq; else what was wrong.</summary>
    private static string? Answer(RtspConnection connection, byte[] request, int baseline, TimeSpan wait)
    {
        var response = connection.WaitResponse(wait);
        if (response is null)
        {
            return $"no answer within {wait.TotalSeconds:0.#} s{(connection.ClosedReason is { } why ? $" ({why})" : string.Empty)}";
        }

        var cseq = WireText.CSeqOf(request);
        var echoed = response.Message?.Headers.Get("CSeq")?.Trim();
        return response.StatusCode != baseline ? $"answered \"{response.FirstLine}\""
            : echoed != cseq ? $"answered with CSeq {echoed ?? "(none)"} for CSeq {cseq}"
            : null;
    }

    private static string Method(string template) => template.Split(' ', 2)[0];
}
