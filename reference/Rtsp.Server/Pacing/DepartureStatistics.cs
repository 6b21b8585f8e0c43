using System.Diagnostics;

namespace Rtsp.Server.Pacing;

/// <summary>
/// Departure error (actual - scheduled) of the last <see cref="Capacity"/> frames the pacer sent, for percentiles,
/// plus totals since start. Written by the pacer thread only; snapshots may be taken from any thread.
/// </summary>
public sealed class DepartureStatistics(int capacity = 1 << 16)
{
    private readonly long[] _errors = new long[capacity];
    private readonly object _gate = new();
    private long _count;
    private long _max;

    public int Capacity => _errors.Length;

    internal void Record(long errorTicks)
    {
        lock (_gate)
        {
            _errors[_count % _errors.Length] = errorTicks;
            _count++;
            if (errorTicks > _max)
                _max = errorTicks;
        }
    }

    public DepartureSummary Snapshot()
    {
        long[] window;
        long count, max;
        lock (_gate)
        {
            count = _count;
            max = _max;
            window = _errors[..(int)Math.Min(count, _errors.Length)];
        }
        if (window.Length == 0)
            return new DepartureSummary(0, 0, 0, 0);
        Array.Sort(window);
        static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        return new DepartureSummary(count, Micros(window[window.Length / 2]),
            Micros(window[Math.Min(window.Length - 1, (int)(window.Length * 0.99))]), Micros(max));
    }
}

/// <summary>Frames sent, and the departure error median, 99th percentile and maximum in microseconds.</summary>
public readonly record struct DepartureSummary(long Frames, double P50Micros, double P99Micros, double MaxMicros);
