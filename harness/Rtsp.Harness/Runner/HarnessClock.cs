using System.Diagnostics;

namespace Rtsp.Harness.Runner;

/// <summary>
/// Wall-clock nanoseconds since the Unix epoch, advanced by the monotonic Stopwatch (CLOCK_MONOTONIC) so socket-mode
/// timestamps never jump with NTP adjustments yet stay comparable with pcap timestamps of the same run.
/// </summary>
public static class HarnessClock
{
    private static readonly long EpochNsAtStart = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    private static readonly long StopwatchAtStart = Stopwatch.GetTimestamp();

    public static long NowNs() =>
        EpochNsAtStart + (long)((Stopwatch.GetTimestamp() - StopwatchAtStart) * (1e9 / Stopwatch.Frequency));
}
