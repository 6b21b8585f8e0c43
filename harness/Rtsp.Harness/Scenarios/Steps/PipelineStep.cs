namespace Rtsp.Harness.Scenarios.Steps;

/// <summary><see cref="Count"/> copies of a request (each with its own CSeq) in one TCP write; all must be answered, in order.</summary>
public sealed record PipelineStep(int Line, string Request, int Count, TimeSpan Wait, string CheckId)
    : RobustnessStep(Line, DefaultSession, CheckId)
{
    public override string Describe() => $"pipeline ×{Count} (line {Line})";
}
