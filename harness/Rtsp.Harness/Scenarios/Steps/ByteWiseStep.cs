namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>Send one well-formed request one byte per TCP write, <see cref="Interval"/> apart, and expect the answer the
/// whole request gets.</summary>
public sealed record ByteWiseStep(int Line, string Request, TimeSpan Interval, TimeSpan Wait, string CheckId)
    : RobustnessStep(Line, DefaultSession, CheckId)
{
    public override string Describe() => $"byte-wise send (line {Line})";
}
