using System.Globalization;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis;

/// <summary>
/// Collects the violations of one check across streams and turns them into one <see cref="CheckResult"/>: the
/// count, the first few described, and the packet numbers (capped) so the report can point at them.
/// </summary>
public sealed class Violations(CheckDefinition check)
{
    private const int DescribedLimit = 5;
    private const int PacketLimit = 200;
    private readonly List<string> _described = [];
    private readonly List<long> _packets = [];
    private readonly List<string> _notes = [];

    public CheckDefinition Check { get; } = check;

    public int Count { get; private set; }

    /// <summary>Whether anything could be judged (a check with nothing to look at is not applicable).</summary>
    public bool Judged { get; private set; }

    public Dictionary<string, double> Metrics { get; } = new(StringComparer.Ordinal);

    public void MarkJudged() => Judged = true;

    public void Add(string description, params long[] packets)
    {
        Judged = true;
        Count++;
        if (_described.Count < DescribedLimit)
        {
            _described.Add(description);
        }

        foreach (long packet in packets)
        {
            if (_packets.Count < PacketLimit)
            {
                _packets.Add(packet);
            }
        }
    }

    /// <summary>A sentence shown with the verdict whatever it is (e.g. what was measured).</summary>
    public void Note(string note) => _notes.Add(note);

    public CheckResult Result(string passEvidence, string notApplicableEvidence = "nothing in this run exercised this check")
    {
        var metrics = Metrics.Count > 0 ? Metrics : null;
        string notes = _notes.Count > 0 ? " " + string.Join(" ", _notes) : "";
        if (Count > 0)
        {
            string more = Count > _described.Count ? $" (and {Count - _described.Count} more)" : "";
            return new CheckResult(Check, Verdict.Fail,
                $"{Count.ToString(CultureInfo.InvariantCulture)} violation{(Count == 1 ? "" : "s")}: {string.Join("; ", _described)}{more}.{notes}",
                _packets, metrics);
        }

        return Judged
            ? new CheckResult(Check, Check.Level == CheckLevel.Metric ? Verdict.Info : Verdict.Pass, passEvidence + notes, null, metrics)
            : new CheckResult(Check, Verdict.NotApplicable, notApplicableEvidence + notes, null, metrics);
    }
}
