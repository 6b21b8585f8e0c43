using Rtsp.Harness.Analysis;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Packets;
using Rtsp.Harness.Reports;

namespace Rtsp.Harness.Runner;

/// <summary>
/// What running a scenario's steps produced, before analysis: the verdicts of its own expectations, the transcript,
/// the packets its sockets saw, the events analyzers relate packets to, and why it stopped early if it did.
/// </summary>
/// <param name="NotSupportedReason">Set when the target declined an optional step (the scenario is "not supported").</param>
/// <param name="StoppedReason">Set when a step failed in a way later steps depend on (the rest were skipped).</param>
public sealed record ScenarioExecution(
    IReadOnlyList<CheckResult> Results,
    IReadOnlyList<TranscriptEntry> Transcript,
    IReadOnlyList<StreamPacket> Packets,
    IReadOnlyList<ScenarioEvent> Events,
    string? SdpText,
    double? FrameRate,
    IReadOnlyList<int> RtspClientPorts,
    IReadOnlyList<int> MediaPorts,
    string? NotSupportedReason,
    string? StoppedReason)
{
    /// <summary>Set when the packet recorder reached its limit (a flood): what it kept and what it only counted.</summary>
    public string? RecorderShortfall { get; init; }

    /// <summary>Packets the harness's own sockets and recorder lost (not the server): analyzers treat verdicts that need them as inconclusive.</summary>
    public IReadOnlyList<HarnessDrop> HarnessDrops { get; init; } = [];
}
