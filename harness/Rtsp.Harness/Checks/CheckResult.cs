namespace Rtsp.Harness.Checks;

/// <summary>
/// A verdict with its evidence: a sentence a reader can verify ("seq 1043 followed 1041 at packet #812"), the
/// capture packet numbers involved, and named numbers (metrics) for charts and JSON.
/// </summary>
public sealed record CheckResult(
    CheckDefinition Check,
    Verdict Verdict,
    string Evidence,
    IReadOnlyList<long>? PacketNumbers = null,
    IReadOnlyDictionary<string, double>? Metrics = null);
