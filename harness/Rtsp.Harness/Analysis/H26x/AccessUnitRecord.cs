using Rtsp.Protocol.H26x;

namespace Rtsp.Harness.Analysis.H26x;

/// <summary>An access unit the depacketizer rebuilt, with the capture packet numbers of its first and last packet.</summary>
internal sealed record AccessUnitRecord(H26xAccessUnit Unit, long FirstPacket, long LastPacket)
{
    /// <summary>The unit ended because the play segment (or the capture) did: its end cannot be judged.</summary>
    public bool CutAtEnd { get; init; }
}
