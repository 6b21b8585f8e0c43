namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>Check the last response the session received again, against another expectation.</summary>
public sealed record ExpectStep(int Line, string Session, Expectation Expect) : ScenarioStep(Line, Session)
{
    public override string Describe() => $"expect (line {Line})";
}
