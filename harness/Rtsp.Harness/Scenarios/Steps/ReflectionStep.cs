namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// Reflection: on the session's connection (after its DESCRIBE), a UDP SETUP with destination= a third party — a
/// listener of the harness on 127.0.0.2 when the target is on loopback, else <see cref="Destination"/> — then PLAY; the
/// finding is whether media reached the third party (or, unobservable, whether the reply accepted the destination).
/// </summary>
public sealed record ReflectionStep(int Line, string Session, string Destination, TimeSpan Observe, string CheckId)
    : RobustnessStep(Line, Session, CheckId)
{
    public override string Describe() => $"reflection to a third party (line {Line})";
}
