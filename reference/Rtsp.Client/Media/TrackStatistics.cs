namespace Rtsp.Client.Media;

/// <summary>
/// What one track received so far. Loss, duplicates and reordering follow RFC 3550 A.1/A.3 on arrival order;
/// jitter is the A.8 interarrival jitter converted to milliseconds. <see cref="IncompleteFrames"/> are frames the
/// depacketizer dropped for missing fragments (RFC 2435 offsets with holes or no marker).
/// </summary>
public sealed record TrackStatistics(
    int TrackIndex,
    long Packets,
    long Bytes,
    long ExpectedPackets,
    long LostPackets,
    long DuplicatePackets,
    long ReorderedPackets,
    double JitterMilliseconds,
    long Frames,
    long IncompleteFrames,
    long IgnoredPackets,
    long LatePackets);
