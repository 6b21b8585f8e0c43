namespace Rtsp.Harness.Checks;

/// <summary>How much a check's failure matters: MUST failures fail the run (exit code 1), SHOULD failures are
/// findings, metrics carry numbers and never fail.</summary>
public enum CheckLevel
{
    Must,
    Should,
    Metric,
}
