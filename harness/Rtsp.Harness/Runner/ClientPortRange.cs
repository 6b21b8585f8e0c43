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

    /// <summary>An even-aligned window within <paramref name="band"/> (default 20000-59999).</summary>
    public static ClientPortRange Random((int Low, int High)? band = null)
    {
        var (low, high) = band ?? (20000, 59999);
        return new(System.Random.Shared.Next(low, high + 1 - DefaultCount) & ~1, DefaultCount);
    }
}
