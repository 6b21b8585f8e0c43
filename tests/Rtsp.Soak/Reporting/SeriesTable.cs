using System.Globalization;
using Rtsp.Soak.Sampling;

namespace Rtsp.Soak.Reporting;

/// <summary>
/// Prints the series while the run goes: one row every N seconds and at every phase change — time, phase, cycles
/// done and the rate since the previous row, then the server's RSS, FDs, threads, UDP sockets and sessions, and
/// the streams' packets and losses.
/// </summary>
public sealed class SeriesTable(TextWriter output, int everySeconds)
{
    private ResourceSample? _lastPrinted;
    private SoakPhase? _lastPhase;
    private bool _headerPrinted;

    public static string Header =>
        $"{"t(s)",6} {"phase",-19} {"cycles",7} {"cyc/s",6} {"RSS MiB",8} {"FDs",5} {"thr",4} {"UDP",4} {"sess",5} {"stream pkts",11} {"lost",5}";

    public void PrintHeader()
    {
        lock (output)
        {
            if (!_headerPrinted)
                output.WriteLine(Header);
            _headerPrinted = true;
        }
    }

    public void OnSample(ResourceSample sample)
    {
        if (!_headerPrinted)
            return;
        bool due = _lastPrinted is null || sample.Phase != _lastPhase || (sample.Elapsed - _lastPrinted.Elapsed).TotalSeconds >= everySeconds - 0.5;
        _lastPhase = sample.Phase;
        if (!due)
            return;
        double rate = _lastPrinted is null || sample.Elapsed <= _lastPrinted.Elapsed
            ? 0
            : (sample.CyclesDone - _lastPrinted.CyclesDone) / (sample.Elapsed - _lastPrinted.Elapsed).TotalSeconds;
        lock (output)
            output.WriteLine(Row(sample, rate));
        _lastPrinted = sample;
    }

    public static string Row(ResourceSample s, double cyclesPerSecond) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Elapsed.TotalSeconds,6:0} {s.Phase,-19} {s.CyclesDone,7} {cyclesPerSecond,6:0.0} {s.RssKiB / 1024.0,8:0.0} {s.FileDescriptors,5} {s.Threads,4} {s.UdpSockets,4} {(s.ServerSessions?.ToString(CultureInfo.InvariantCulture) ?? "-"),5} {s.StreamPackets,11} {s.StreamLost,5}");
}
