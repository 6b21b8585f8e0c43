using Rtsp.Harness.Reports;

namespace Rtsp.Harness.Runner;

/// <summary>Reported as each scenario × transport starts (<see cref="Finished"/> null) and finishes.</summary>
public sealed record ScenarioProgress(int Index, int Total, string Scenario, string Transport, ScenarioRun? Finished);
