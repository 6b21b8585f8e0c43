namespace Rtsp.Soak.Verdict;

/// <summary>One resource compared between the baseline and end windows: the first sample's value (for the report),
/// the medians, the largest value seen while cycling, the highest end value allowed, and whether the end stayed within it.</summary>
public sealed record GrowthCheck(string Resource, string Unit, double Start, double Baseline, double End, double PeakWhileCycling, double Allowed)
{
    public bool Passed => End <= Allowed;

    public string Describe()
    {
        string unit = Unit.Length > 0 ? " " + Unit : "";
        return $"{Resource}: baseline {Baseline:0.#}{unit}, end {End:0.#}{unit} (allowed <= {Allowed:0.#}; peak while cycling {PeakWhileCycling:0.#})";
    }
}
