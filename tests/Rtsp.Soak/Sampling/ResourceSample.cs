namespace Rtsp.Soak.Sampling;

/// <summary>
/// One reading of the server process, taken once a second: what /proc says about it, plus where the run stood
/// (phase, cycles done, the streaming sessions' packets and losses so far, the sessions the server says it holds).
/// </summary>
public sealed record ResourceSample(
    TimeSpan Elapsed,
    SoakPhase Phase,
    long RssKiB,
    int FileDescriptors,
    int Threads,
    int UdpSockets,
    IReadOnlyDictionary<string, int> FileDescriptorKinds,
    long CyclesDone,
    long StreamPackets,
    long StreamLost,
    int? ServerSessions);
