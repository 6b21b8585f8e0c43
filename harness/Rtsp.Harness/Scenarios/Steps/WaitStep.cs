namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>Do nothing for a while (media keeps flowing, the session may time out).</summary>
public sealed record WaitStep(int Line, TimeSpan Duration) : ScenarioStep(Line, DefaultSession)
{
    public override string Describe() => $"wait {Duration.TotalSeconds:0.###} s (line {Line})";
}
