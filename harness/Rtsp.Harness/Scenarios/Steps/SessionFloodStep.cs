namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// Port exhaustion by one client: on one connection, UDP SETUP after SETUP (each a new session, two server ports each)
/// up to <see cref="Sessions"/>, stopping at the first refusal; then a second client tries one SETUP while the first
/// still holds its sessions, and every session is torn down.
/// </summary>
public sealed record SessionFloodStep(int Line, int Sessions, string CheckId)
    : RobustnessStep(Line, DefaultSession, CheckId)
{
    public override string Describe() => $"session flood up to {Sessions} (line {Line})";
}
