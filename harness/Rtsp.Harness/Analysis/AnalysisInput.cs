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

    /// <summary>Whether UDP packets carry the kernel's receive time (SO_TIMESTAMPNS on the harness's sockets) when the
    /// timestamps are not the capture's. TCP-interleaved packets in socket mode never do: their time is when the
    /// harness's reading thread got to them.</summary>
    public bool UdpTimestampsFromKernel { get; init; }

    /// <summary>Packets the harness lost itself (its socket buffers, libpcap, its recorder's limit). A verdict that
    /// depends on a packet in a stretch with drops is inconclusive, not a failure of the server.</summary>
    public IReadOnlyList<HarnessDrop> HarnessDrops { get; init; } = [];

    /// <summary>How many packets the harness lost in all.</summary>
    public long HarnessDropped => HarnessDrops.Sum(d => d.Count);

    /// <summary>Whether the harness may have lost packets between <paramref name="fromNs"/> and <paramref name="toNs"/>
    /// (arrival times): a missing packet there may be ours, so a verdict needing it is inconclusive.</summary>
    public bool PacketsPossiblyLost(long fromNs = 0, long toNs = long.MaxValue) => HarnessDrops.Any(d => d.Overlaps(fromNs, toNs));

    /// <summary>Evidence for a verdict made inconclusive by <see cref="PacketsPossiblyLost"/>.</summary>
    public string CaptureLossEvidence(long fromNs = 0, long toNs = long.MaxValue)
    {
        var drops = HarnessDrops.Where(d => d.Overlaps(fromNs, toNs)).ToList();
        return $"inconclusive: the capture lost {drops.Sum(d => d.Count)} packet(s) itself ({string.Join(", ", drops.Select(d => d.Source).Distinct())}) where this verdict needs them";
    }

    /// <summary>Whether arrival times of <paramref name="overTcp"/> packets are the kernel's (pcap, or SO_TIMESTAMPNS on
    /// UDP): timing verdicts judge only those, never a user-space receive loop's scheduling.</summary>
    public bool KernelTimestamps(bool overTcp) => TimestampsFromCapture || (!overTcp && UdpTimestampsFromKernel);
}
