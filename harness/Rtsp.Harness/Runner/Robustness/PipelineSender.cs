using System.Globalization;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Scenarios.Steps;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>
/// N requests in one TCP write on a connection of their own: every one must be answered, in order (CSeq by CSeq), with a
/// status of the same class as the first answer. Evidence: how many came back, the first one missing or out of order, and
/// how long all took.
/// </summary>
public static class PipelineSender
{
    public static CheckResult Run(RobustnessContext context, PipelineStep step)
    {
        var check = context.Check(step.CheckId);
        using var connection = context.Open();
        var requests = Enumerable.Range(0, step.Count).Select(_ => WireText.Bytes(context.Fill(step.Request))).ToList();
        var all = requests.SelectMany(r => r).ToArray();
        var sent = HarnessClock.NowNs();
        foreach (var request in requests)
        {
            connection.Record(request, sent);
        }

        connection.Send(all, record: false);
        var deadline = sent + (long)(step.Wait.TotalMilliseconds * 1e6);
        var problems = new List<string>();
        var answered = 0;
        int? firstClass = null;
        while (answered < step.Count)
        {
            var left = TimeSpan.FromMilliseconds(Math.Max(0, (deadline - HarnessClock.NowNs()) / 1e6));
            var response = connection.WaitResponse(left);
            if (response is null)
            {
                problems.Add($"no answer to request {answered + 1} (CSeq {WireText.CSeqOf(requests[answered])}) within {step.Wait.TotalSeconds:0.#} s{(connection.ClosedReason is { } why ? $" ({why})" : string.Empty)}");
                break;
            }

            var expected = WireText.CSeqOf(requests[answered]);
            var echoed = response.Message?.Headers.Get("CSeq")?.Trim();
            firstClass ??= response.StatusCode / 100;
            if (echoed != expected)
            {
                problems.Add($"answer {answered + 1} carries CSeq {echoed ?? "(none)"} where {expected} was next (\"{response.FirstLine}\")");
                break;
            }

            if (response.StatusCode / 100 != firstClass)
            {
                problems.Add($"answer {answered + 1} (CSeq {expected}) is \"{response.FirstLine}\", unlike the first");
            }

            answered++;
        }

        var took = WireText.Ms(HarnessClock.NowNs() - sent);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{step.Describe()}: {step.Count} {step.Request.Split(' ', 2)[0]} requests in one {all.Length:N0}-byte write; {answered} answered in order in {took} ms");
        var metrics = new Dictionary<string, double> { ["requests"] = step.Count, ["answered"] = answered };
        return problems.Count == 0
            ? new CheckResult(check, Verdict.Pass, summary, Metrics: metrics)
            : new CheckResult(check, Verdict.Fail, $"{summary}; {string.Join("; ", problems.Take(3))}", Metrics: metrics);
    }
}
