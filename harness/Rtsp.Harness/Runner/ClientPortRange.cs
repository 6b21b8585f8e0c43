namespace Rtsp.Harness.Runner;

/// <summary>
/// The UDP ports one scenario run binds its RTP/RTCP receivers in: a small window picked at random per run, so the
/// capture filter can name the run's media exactly (<c>udp portrange Low-High</c>) and ignore every other process
/// streaming on the same interface.
/// </summary>
public sealed record ClientPortRange(int Low, int Count)
{
    public const int DefaultCount = 64;

    public int High => Low + Count - 1;

    /// <summary>An even-aligned window between 20000 and 60000.</summary>
    public static ClientPortRange Random() => new(System.Random.Shared.Next(20000, 60000 - DefaultCount) & ~1, DefaultCount);
}
