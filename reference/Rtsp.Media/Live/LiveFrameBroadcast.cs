using System.Diagnostics;

namespace Rtsp.Media.Live;

/// <summary>
/// The fan-out of one live source: the producer publishes each frame once, every viewer reads it from a small
/// ring through its own cursor. A viewer never blocks the producer or another viewer: one that falls more
/// than half the ring behind jumps to the newest frame (live media never queues up latency). Half the ring is
/// 32 frames, 1.3 s at 25 fps: a capture thread descheduled for half a second on a loaded machine then reads
/// the frames queued in its pipe back to back, and a viewer must take that burst without a hole in the picture
/// sequence (16 frames, 320 ms, was once too few on a 2-core CI machine). The frame bytes are shared, so N viewers
/// cost one encode; each session adds only its own RTP headers.
/// </summary>
public sealed class LiveFrameBroadcast
{
    /// <summary>Frames kept for viewers that are a little behind; one further behind jumps to the newest.</summary>
    public const int RingSize = 64;

    private readonly EncodedFrame?[] _ring = new EncodedFrame?[RingSize];
    private readonly object _publishGate = new();
    private long _newest = -1;
    private volatile string? _endReason;

    /// <summary>Number of the newest frame published, -1 before the first.</summary>
    public long Newest => Volatile.Read(ref _newest);

    /// <summary>Why the source stopped for good (a camera unplugged, a feed closed); null while it runs.</summary>
    public string? EndReason => _endReason;

    /// <summary>Raised, on the viewer's sending thread, with the number of frames a viewer too far behind skipped.</summary>
    public event Action<long>? ViewerSkipped;

    /// <summary>Publishes <paramref name="frame"/> unless a frame with the same or a later number is already out.</summary>
    public bool Publish(EncodedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        lock (_publishGate)
        {
            if (frame.Number <= _newest)
                return false;
            Volatile.Write(ref _ring[frame.Number % RingSize], frame with { PublishedAt = Stopwatch.GetTimestamp() });
            Volatile.Write(ref _newest, frame.Number);
            return true;
        }
    }

    /// <summary>Publishes the frame numbered <paramref name="number"/>, made by <paramref name="make"/> only if it is new.</summary>
    public void Publish(long number, Func<long, EncodedFrame> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        lock (_publishGate)
        {
            if (number <= _newest)
                return;
            var frame = make(number) with { PublishedAt = Stopwatch.GetTimestamp() };
            Volatile.Write(ref _ring[number % RingSize], frame);
            Volatile.Write(ref _newest, number);
        }
    }

    /// <summary>Marks the end: viewers receive what is already published, then see <see cref="ILiveSubscription.HasEnded"/>.</summary>
    public void End(string reason) => _endReason ??= reason;

    /// <summary>
    /// A new cursor; <paramref name="onDispose"/> runs once when the viewer leaves. Frames numbered up to
    /// <paramref name="staleUpTo"/> are skipped: a source that was idle (publishing nothing while nobody watched)
    /// still holds its last frame from back then, and no viewer may start with that picture and its old capture time.
    /// </summary>
    public ILiveSubscription CreateCursor(Action? onDispose = null, long staleUpTo = -1) =>
        new Cursor(this, onDispose, staleUpTo);

    /// <param name="floor">frames up to this number are not for this viewer (-1: all are).</param>
    private sealed class Cursor(LiveFrameBroadcast broadcast, Action? onDispose, long floor) : ILiveSubscription
    {
        private long _last = -1;
        private int _disposed;

        public bool HasEnded => broadcast._endReason is not null && Volatile.Read(ref broadcast._newest) <= Math.Max(_last, floor);

        public bool HasWaiting => Volatile.Read(ref broadcast._newest) > Math.Max(_last, floor);

        public EncodedFrame? TakeNext()
        {
            long newest = Volatile.Read(ref broadcast._newest);
            // The first frame a viewer gets is the newest: live media starts at "now".
            if (newest < 0 || newest <= Math.Max(_last, floor))
                return null;
            if (_last < 0)
                return Take(newest);
            if (newest - _last >= RingSize / 2)
            {
                long skipped = newest - _last - 1;
                var frame = Take(newest);
                broadcast.ViewerSkipped?.Invoke(skipped);
                return frame;
            }
            // The oldest frame not taken yet. A source may skip numbers (the live pattern numbers frames by the
            // clock, so a late producer skips one): a slot holding an older number is a frame never published.
            for (long wanted = Math.Max(_last, floor) + 1; wanted <= newest; wanted++)
            {
                if (Take(wanted) is { } frame)
                    return frame;
            }
            return null;
        }

        private EncodedFrame? Take(long wanted)
        {
            var frame = Volatile.Read(ref broadcast._ring[wanted % RingSize]);
            if (frame is null || frame.Number != wanted)
                return null;
            _last = wanted;
            return frame;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                onDispose?.Invoke();
        }
    }
}
