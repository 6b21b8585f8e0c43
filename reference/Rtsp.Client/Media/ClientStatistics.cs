namespace Rtsp.Client.Media;

/// <summary>All tracks' statistics at one moment, and how long the session has been playing (pauses excluded).</summary>
public sealed record ClientStatistics(IReadOnlyList<TrackStatistics> Tracks, TimeSpan PlayingTime)
{
    public long Frames => Tracks.Sum(t => t.Frames);

    public long IncompleteFrames => Tracks.Sum(t => t.IncompleteFrames);

    public long Packets => Tracks.Sum(t => t.Packets);

    public long Bytes => Tracks.Sum(t => t.Bytes);

    public long LostPackets => Tracks.Sum(t => t.LostPackets);

    public long ExpectedPackets => Tracks.Sum(t => t.ExpectedPackets);

    public long ReorderedPackets => Tracks.Sum(t => t.ReorderedPackets);

    public long DuplicatePackets => Tracks.Sum(t => t.DuplicatePackets);

    /// <summary>The worst track's jitter, in milliseconds.</summary>
    public double JitterMilliseconds => Tracks.Count == 0 ? 0 : Tracks.Max(t => t.JitterMilliseconds);

    /// <summary>Lost over expected, 0..1 (RFC 3550 A.3; negative loss from duplicates counts as none).</summary>
    public double LossFraction => ExpectedPackets <= 0 ? 0 : Math.Max(0, LostPackets) / (double)ExpectedPackets;
}
