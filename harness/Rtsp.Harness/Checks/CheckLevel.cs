namespace Rtsp.Harness.Checks;

/// <summary>How much a check's failure matters: MUST failures fail the run (exit code 1), SHOULD failures are
/// findings, ADVISORY failures are findings about hardening no RFC requires (an attack the server does not resist,
/// e.g. slowloris), metrics carry numbers and never fail.</summary>
public enum CheckLevel
{
    Must,
    Should,
    Advisory,
    Metric,
}
