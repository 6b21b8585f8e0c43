namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// One step of a scenario. <see cref="Line"/> is where it starts in the YAML file, so a failure names it.
/// <see cref="Session"/> names the RTSP session (and TCP connection) it acts on; most scenarios use one ("main").
/// </summary>
public abstract record ScenarioStep(int Line, string Session)
{
    public const string DefaultSession = "main";

    /// <summary>Short text for progress output and evidence, e.g. "PLAY (line 12)".</summary>
    public abstract string Describe();
}
