namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>Run <see cref="Steps"/> <see cref="Times"/> times in a row.</summary>
public sealed record RepeatStep(int Line, int Times, IReadOnlyList<ScenarioStep> Steps) : ScenarioStep(Line, DefaultSession)
{
    public override string Describe() => $"repeat ×{Times} (line {Line})";
}
