using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Reports;

/// <summary>
/// One harness run, everything the report writers (HTML, JUnit XML, JSON) need and nothing they must compute:
/// they render this model and the catalogue alone.
/// </summary>
public sealed record RunReport(
    string RunId,
    string Target,
    DateTimeOffset Started,
    TimeSpan Duration,
    string CaptureMode,
    IReadOnlyList<CheckDefinition> Catalogue,
    IReadOnlyList<ScenarioRun> Scenarios)
{
    /// <summary>What the target presentation is (stored or live, and the SDP line that says so); decides which
    /// scenarios apply. Null in reports written before the harness probed it.</summary>
    public string? Presentation { get; init; }
}
