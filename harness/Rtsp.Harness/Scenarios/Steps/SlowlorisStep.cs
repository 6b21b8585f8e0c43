namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// Slowloris (CWE-400): <see cref="Connections"/> connections each drip a never-ending request one byte every
/// <see cref="Interval"/>, for at most <see cref="Duration"/>; the finding is whether and when the target cut them off.
/// </summary>
public sealed record SlowlorisStep(int Line, int Connections, TimeSpan Interval, TimeSpan Duration, string CheckId)
    : RobustnessStep(Line, DefaultSession, CheckId)
{
    public override string Describe() => $"slowloris ×{Connections}, {Duration.TotalSeconds:0.#} s (line {Line})";
}
