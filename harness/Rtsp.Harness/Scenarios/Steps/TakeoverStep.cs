namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// Session takeover: a new connection — from a second source address (127.0.0.2) when <see cref="FromOtherAddress"/> and
/// the target is on loopback — sends <see cref="Method"/> naming the session <see cref="ScenarioStep.Session"/>'s id. A
/// refusal (454 or another 4xx) with the victim's media unchanged passes; otherwise the evidence says what it did.
/// </summary>
/// <param name="Observe">How long the victim's media is watched before and after, to see an effect.</param>
public sealed record TakeoverStep(int Line, string Victim, string Method, bool FromOtherAddress, TimeSpan Observe, string CheckId)
    : RobustnessStep(Line, Victim, CheckId)
{
    public override string Describe() => $"takeover {Method} from another {(FromOtherAddress ? "address" : "connection")} (line {Line})";
}
