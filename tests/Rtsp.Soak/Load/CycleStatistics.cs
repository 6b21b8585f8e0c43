namespace Rtsp.Soak.Load;

/// <summary>Counters of the connect/SETUP/PLAY/TEARDOWN cycles, updated by every worker.</summary>
public sealed class CycleStatistics
{
    private long _started;
    private long _completed;
    private long _udp;
    private long _tcp;
    private long _vanishedUdp;
    private long _vanishedTcp;

    public ErrorTally Errors { get; } = new();

    /// <summary>Cycle numbers handed out so far (the next cycle is this number).</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>Cycles that ended as planned (torn down, or vanished after media arrived).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Errors.Total;

    /// <summary>Cycles finished either way.</summary>
    public long Done => Completed + Failed;

    public long Udp => Interlocked.Read(ref _udp);

    public long Tcp => Interlocked.Read(ref _tcp);

    /// <summary>UDP sessions left without TEARDOWN: the server must reap them when their timeout passes.</summary>
    public long VanishedUdp => Interlocked.Read(ref _vanishedUdp);

    /// <summary>TCP sessions left without TEARDOWN: the server must end them with their connection.</summary>
    public long VanishedTcp => Interlocked.Read(ref _vanishedTcp);

    /// <summary>Hands out the next cycle number, or null once <paramref name="limit"/> numbers were handed out.</summary>
    public long? TakeNext(long limit)
    {
        long next = Interlocked.Increment(ref _started) - 1;
        if (next < limit)
            return next;
        Interlocked.Decrement(ref _started);
        return null;
    }

    public void Complete(CyclePlan plan)
    {
        Interlocked.Increment(ref _completed);
        Interlocked.Increment(ref plan.Udp ? ref _udp : ref _tcp);
        if (plan.Vanish)
            Interlocked.Increment(ref plan.Udp ? ref _vanishedUdp : ref _vanishedTcp);
    }
}
