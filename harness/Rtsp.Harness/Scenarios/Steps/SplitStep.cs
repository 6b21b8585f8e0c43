namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// Send one well-formed request in two TCP writes with <see cref="Pause"/> between them, once for each split position,
/// on a connection of its own; every split must get the answer the whole request got (same status, CSeq echoed).
/// </summary>
/// <param name="Request">The request text; placeholders are filled, {cseq} gives each send its own CSeq.</param>
/// <param name="Positions">Byte offsets to split at; null = every position from 1 to length − 1.</param>
/// <param name="Wait">How long each split request may take to be answered.</param>
public sealed record SplitStep(int Line, string Request, IReadOnlyList<int>? Positions, TimeSpan Pause, TimeSpan Wait, string CheckId)
    : RobustnessStep(Line, DefaultSession, CheckId)
{
    public override string Describe() => $"split {(Positions is null ? "at every byte" : $"at {Positions.Count} positions")} (line {Line})";
}
