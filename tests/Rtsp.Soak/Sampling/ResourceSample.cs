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
    int? ServerSessions)
{
    /// <summary>
    /// Descriptors without those of loaded code (.dll, .pdb, .so files). The runtime opens each such file once, when
    /// it first needs it, and never closes it: bounded by the files on disk, they cannot grow with cycles. Seen here:
    /// the first stack trace with line numbers the server renders opens System.Diagnostics.StackTrace,
    /// System.Reflection.Metadata, System.Collections.Immutable, System.IO.MemoryMappedFiles (2 each) and
    /// Rtsp.Server.pdb — 9 descriptors that appear once, at whatever point of the run that happens.
    /// </summary>
    public int FileDescriptorsWithoutCode => FileDescriptors - FileDescriptorKinds.Where(k => IsCode(k.Key)).Sum(k => k.Value);

    private static bool IsCode(string target) =>
        target.StartsWith('/') && (target.EndsWith(".dll", StringComparison.Ordinal) || target.EndsWith(".pdb", StringComparison.Ordinal)
                                   || target.EndsWith(".so", StringComparison.Ordinal) || target.Contains(".so.", StringComparison.Ordinal));
}
