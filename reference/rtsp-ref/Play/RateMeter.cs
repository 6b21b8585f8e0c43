using System.Diagnostics;
using Rtsp.Client.Media;

namespace Rtsp.Ref.Play;

/// <summary>Frames per second and bits per second between two statistics snapshots. Rates are recomputed at most
/// once per <c>minimumInterval</c> so that frequent readers (the web page polls) see stable figures.</summary>
public sealed class RateMeter(TimeSpan minimumInterval)
{
    private readonly Lock _gate = new();
    private long _lastTicks = Stopwatch.GetTimestamp();
    private long _lastFrames;
    private long _lastBytes;
    private (double Fps, double BitsPerSecond) _rates;

    public (double Fps, double BitsPerSecond) Sample(ClientStatistics statistics)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var seconds = (now - _lastTicks) / (double)Stopwatch.Frequency;
            if (seconds < minimumInterval.TotalSeconds)
            {
                return _rates;
            }

            // After a new session the counters restart from zero: a negative difference is no rate.
            _rates = (Math.Max(0, statistics.Frames - _lastFrames) / seconds, Math.Max(0, statistics.Bytes - _lastBytes) * 8 / seconds);
            _lastTicks = now;
            _lastFrames = statistics.Frames;
            _lastBytes = statistics.Bytes;
            return _rates;
        }
    }
}
