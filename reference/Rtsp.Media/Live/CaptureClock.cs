using System.Diagnostics;

namespace Rtsp.Media.Live;

/// <summary>
/// Capture times for a live source, from the moments its reads return (Stopwatch ticks). A read returns when
/// the frame reached us, not when it was taken: a capture thread that was descheduled for a while then reads
/// several queued frames back to back, and stamping those as read would give RTP timestamp steps of a few
/// ticks followed by a gap. So each frame is stamped one nominal period after the previous one as long as that
/// stays within <see cref="ToleranceFrames"/> periods of its read time; beyond that (frames really dropped, a
/// source slower or faster than it announced) the clock re-syncs to the read time. RFC 3550 5.1 asks for a
/// clock that increments linearly with the sampling instant; this is the closest a reader can get.
/// </summary>
public sealed class CaptureClock(double frameRate)
{
    public const int ToleranceFrames = 4;

    private readonly double _period = Stopwatch.Frequency / frameRate;
    private long _last;
    private bool _started;

    /// <summary>Resyncs so far (frames the nominal grid could not explain).</summary>
    public long Resyncs { get; private set; }

    /// <summary>The capture time of a frame whose read returned at <paramref name="readAt"/>.</summary>
    public long Stamp(long readAt)
    {
        long ideal = _last + (long)_period;
        if (!_started || Math.Abs(ideal - readAt) > ToleranceFrames * _period)
        {
            Resyncs += _started ? 1 : 0;
            _started = true;
            _last = readAt;
            return readAt;
        }
        _last = ideal;
        return ideal;
    }
}
