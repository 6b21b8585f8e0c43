namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// Send one RTSP request and read its response: options, describe, pause, teardown, get_parameter, set_parameter,
/// or any method through <c>request:</c>. Setup and play add their own fields (<see cref="SetupStep"/>, <see cref="PlayStep"/>).
/// </summary>
/// <param name="Url">Request URI template; null = the natural one for the method ({target}, or the track's control URL for SETUP).</param>
/// <param name="Headers">Extra headers, in order (a value of null in YAML is not allowed; use <paramref name="Omit"/>).</param>
/// <param name="Omit">Headers the harness would add but must leave out (CSeq, Session, Transport...).</param>
/// <param name="Optional">When the target declines (method absent from Public, or 405/501/461/551) the scenario is "not
/// supported" instead of failed.</param>
/// <param name="Auth">How to answer a 401 challenge (then the credentials are kept for the session's later requests);
/// null = with the run's credentials when there are any.</param>
public record RequestStep(
    int Line,
    string Session,
    string Method,
    string? Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<string> Omit,
    string? Body,
    string? ContentType,
    Expectation? Expect,
    bool Optional,
    StepAuth? Auth) : ScenarioStep(Line, Session)
{
    public override string Describe() => $"{Method} (line {Line})";
}
