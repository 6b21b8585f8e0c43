using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Analysis;

/// <summary>
/// Everything an analyzer may look at: the packets in capture order, the SDP text if known (parse it with Rtsp.Protocol's SessionDescription), and what the scenario
/// did when (so "no RTP after PAUSE + grace" can be judged). In offline analysis <see cref="Events"/> is derived
/// from the RTSP messages found in the capture.
/// </summary>
public sealed record AnalysisInput(
    IReadOnlyList<StreamPacket> Packets,
    string? SdpText,
    IReadOnlyList<ScenarioEvent> Events,
    bool TimestampsFromCapture)
{
    /// <summary>Nominal frame rate when the SDP gives none (a=framerate) — e.g. from the scenario file.</summary>
    public double? NominalFrameRate { get; init; }

    /// <summary>How long after PAUSE/TEARDOWN media may still arrive before "silence" is judged (ms).</summary>
    public double SilenceGraceMs { get; init; } = 300;

    /// <summary>Decode every reassembled JPEG frame with OpenCV (jpeg.decode). Off only to measure the rest alone.</summary>
    public bool DecodeFrames { get; init; } = true;
}
