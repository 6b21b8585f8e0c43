namespace Rtsp.Server.Pacing;

/// <summary>Something the <see cref="FramePacer"/> wakes at absolute deadlines (a playing session).</summary>
public interface IPacedStream
{
    /// <summary>
    /// Called on the pacer thread at <paramref name="scheduled"/> (Stopwatch ticks), <paramref name="now"/> being
    /// the moment it actually ran. Must not block: send without waiting, queue, or drop. Returns when to call next.
    /// </summary>
    PacedStep OnDeadline(long scheduled, long now);
}

/// <summary>
/// What a paced stream wants next: a call at <see cref="Deadline"/> (Stopwatch ticks). <see cref="StartsFrame"/>
/// marks deadlines that begin a frame (their departure error is recorded); false for the later slices of a
/// frame whose packets are spread over the interval.
/// </summary>
public readonly record struct PacedStep(long Deadline, bool StartsFrame)
{
    /// <summary>Leave the pacer (end of media, paused, torn down).</summary>
    public static PacedStep Stop { get; } = new(long.MinValue, false);

    public bool IsStop => Deadline == long.MinValue;

    public static PacedStep Frame(long deadline) => new(deadline, true);

    public static PacedStep Slice(long deadline) => new(deadline, false);
}
