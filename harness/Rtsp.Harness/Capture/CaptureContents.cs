using Rtsp.Harness.Analysis;
using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Capture;

/// <summary>What a capture file holds once datagrams are classified and TCP streams split.</summary>
/// <param name="Packets">RTP, RTCP and RTSP units in capture order (TCP units at the segment that completed them).</param>
/// <param name="SdpText">The body of the first <c>application/sdp</c> response (DESCRIBE), if the capture has one.</param>
/// <param name="LinkType">The file's pcap link type (1 = Ethernet, 113 = Linux SLL, 276 = SLL2, 101 = raw IP).</param>
public sealed record CaptureContents(IReadOnlyList<StreamPacket> Packets, string? SdpText, int LinkType)
{
    /// <summary>Link-layer frames in the file.</summary>
    public long FrameCount { get; init; }

    public long FileBytes { get; init; }

    /// <summary>The request/response pairs found in the capture (PLAY with RTP-Info, PAUSE, TEARDOWN...).</summary>
    public IReadOnlyList<ScenarioEvent> Events { get; init; } = [];

    /// <summary>Bytes of RTSP TCP streams the capture never saw (holes skipped).</summary>
    public long TcpMissingBytes { get; init; }

    public long TcpRetransmissions { get; init; }

    /// <summary>Things a reader of the report should know (holes, unparseable stretches, truncated frames).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
