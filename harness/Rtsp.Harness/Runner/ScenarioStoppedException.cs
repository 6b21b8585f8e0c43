namespace Rtsp.Harness.Runner;

/// <summary>Ends a scenario early: a step failed in a way the rest depend on, or the target declined an optional step.</summary>
internal sealed class ScenarioStoppedException(string reason, bool notSupported) : Exception(reason)
{
    public bool NotSupported { get; } = notSupported;
}
