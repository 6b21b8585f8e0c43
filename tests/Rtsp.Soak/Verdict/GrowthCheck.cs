namespace Rtsp.Soak.Verdict;

/// <summary>One resource compared between the baseline and end windows: the medians, the largest value seen while
/// cycling, the highest end value allowed, and whether the end stayed within it.</summary>
public sealed record GrowthCheck(string Resource, string Unit, double Baseline, double End, double PeakWhileCycling, double Allowed)
{
    public bool Passed => End <= Allowed;

    public string Describe() =>
        $"{Resource}: baseline {Baseline:0.#} {Unit}, end {End:0.#} {Unit} (allowed <= {Allowed:0.#}; peak while cycling {PeakWhileCycling:0.#})";
}
