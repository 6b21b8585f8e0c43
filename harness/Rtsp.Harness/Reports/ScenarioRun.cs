using Rtsp.Harness.Analysis;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Reports;

/// <summary>The result of one scenario over one transport ("udp" or "tcp").</summary>
/// <param name="Outcome">Pass: no MUST failure. Fail: at least one. NotSupported: the target declined the
/// scenario's central step. NotApplicable: the scenario was not run, because the target cannot meet what it needs
/// (stored media on a live path, server options on an external target), the reason in <paramref name="ErrorMessage"/>.
/// Error: the harness could not run it (with <paramref name="ErrorMessage"/>).</param>
/// <param name="Transcript">RTSP requests and responses verbatim, in order.</param>
/// <param name="PcapPath">The capture written for this run, relative to the report folder's parent, or null (socket mode).</param>
/// <param name="CaptureDropped">Packets the capture reported dropped (0 in socket mode).</param>
public sealed record ScenarioRun(
    string Scenario,
    string Description,
    string Transport,
    ScenarioOutcome Outcome,
    string? ErrorMessage,
    IReadOnlyList<TranscriptEntry> Transcript,
    AnalysisResult Analysis,
    string? PcapPath,
    long CaptureDropped,
    TimeSpan Duration);

public enum ScenarioOutcome
{
    Pass,
    Fail,
    NotSupported,
    NotApplicable,
    Error,
}

/// <summary>One RTSP message as it crossed the wire.</summary>
public sealed record TranscriptEntry(long TimestampNs, bool FromServer, string Text);
