using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis.Rtsp;

/// <summary>
/// Collects the observations of one check over a run (each exchange that passed or failed it) and turns them into a
/// single verdict: any failure fails it, showing the first few with their packet numbers.
/// </summary>
internal sealed class CheckTally(CheckDefinition check)
{
    private const int EvidenceShown = 3;

    private readonly List<(string Text, long Packet)> failures = [];
    private readonly List<(string Text, long Packet)> passes = [];

    public void Pass(string evidence, long packet) => passes.Add((evidence, packet));

    public void Fail(string evidence, long packet) => failures.Add((evidence, packet));

    public void Judge(bool holds, string evidence, long packet)
    {
        if (holds)
        {
            Pass(evidence, packet);
        }
        else
        {
            Fail(evidence, packet);
        }
    }

    public CheckResult Result(string notApplicableReason)
    {
        if (failures.Count > 0)
        {
            var more = failures.Count > EvidenceShown ? $" (and {failures.Count - EvidenceShown} more)" : string.Empty;
            return new CheckResult(check, Verdict.Fail, string.Join("; ", failures.Take(EvidenceShown).Select(f => f.Text)) + more,
                failures.Select(f => f.Packet).ToList(), new Dictionary<string, double> { ["failed"] = failures.Count, ["passed"] = passes.Count });
        }

        if (passes.Count > 0)
        {
            var first = passes[0].Text;
            return new CheckResult(check, Verdict.Pass, passes.Count == 1 ? first : $"{passes.Count} observations hold, e.g. {first}",
                passes.Select(p => p.Packet).Take(20).ToList(), new Dictionary<string, double> { ["passed"] = passes.Count });
        }

        return new CheckResult(check, Verdict.NotApplicable, notApplicableReason);
    }
}
