namespace Rtsp.Soak.Verdict;

/// <summary>
/// How much the quiet end window may exceed the quiet baseline window. Both windows hold the same streaming
/// sessions and nothing else, so the resources a session or connection takes should be back exactly; the
/// tolerances are for what a healthy .NET process does on its own, not for the load:
/// <list type="bullet">
/// <item>File descriptors: 4 — the runtime opens a few lazily (an eventfd, a timerfd, a file it maps); a leak of one
/// per cycle is thousands.</item>
/// <item>UDP sockets: 2 — one RTP/RTCP pair, e.g. a session whose reaping straddles the window's first sample (the
/// window value is a median, so this needs more than one sample to matter).</item>
/// <item>Threads: 6 or 25 % of the baseline, whichever is more — the thread pool injects workers under load and
/// retires idle ones only after ~20 s, longer than the drain; a thread per session or connection is thousands.</item>
/// <item>RSS: 25 % of the baseline — the GC keeps freed memory committed for a while and a gen-2 compaction moves
/// RSS by ~10 %; a leak of 5 kB a cycle over 10,000 cycles (50 MB) exceeds it on a ~150 MB server.</item>
/// </list>
/// </summary>
public sealed record GrowthLimits
{
    public int FileDescriptors { get; init; } = 4;

    public int UdpSockets { get; init; } = 2;

    public int ThreadsAbsolute { get; init; } = 6;

    public double ThreadsFraction { get; init; } = 0.25;

    public double RssFraction { get; init; } = 0.25;

    /// <summary>Fewer samples than this in a window, or none while cycling, and there is nothing to judge: fail.</summary>
    public int MinimumWindowSamples { get; init; } = 2;

    public static GrowthLimits Default { get; } = new();
}
