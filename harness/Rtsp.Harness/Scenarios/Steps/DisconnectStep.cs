namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>Close the session's TCP connection (the next request on it opens a new one).</summary>
public sealed record DisconnectStep(int Line, string Session) : ScenarioStep(Line, Session)
{
    public override string Describe() => $"disconnect (line {Line})";
}
