using System.Diagnostics;

namespace Rtsp.Media.Pattern;

/// <summary>
/// The live pattern (/live/pattern): the same picture as the sample clip, produced in real time for as long as
/// someone watches. Frame n is due at source creation + n periods (wall clock), so its barcode tells a viewer
/// how old the source is; a producer thread runs only while there are subscribers.
/// </summary>
public sealed class LivePatternSource : ILiveMediaSource
{
    /// <summary>Frames kept for viewers that are a little behind; one further behind jumps to the newest.</summary>
    private const int RingSize = 16;

    private readonly PatternRenderer _renderer;
    private readonly long _epoch = Stopwatch.GetTimestamp();
    private readonly EncodedFrame?[] _ring = new EncodedFrame?[RingSize];
    private readonly object _gate = new();
    private readonly object _publishGate = new();
    private long _newest = -1;
    private int _subscribers;
    private Thread? _producer;
    private CancellationTokenSource? _stop;

    public LivePatternSource(string path, PatternRenderer renderer)
    {
        Path = path;
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
    }

    public string Path { get; }

    public int Width => _renderer.Width;

    public int Height => _renderer.Height;

    public double FrameRate => _renderer.FrameRate;

    public bool IsLive => true;

    public ILiveSubscription Subscribe()
    {
        lock (_gate)
        {
            if (_subscribers++ == 0)
            {
                _stop = new CancellationTokenSource();
                var token = _stop.Token;
                _producer = new Thread(() => Produce(token)) { IsBackground = true, Name = "live-pattern " + Path };
                _producer.Start();
            }
        }
        // A new viewer's first PLAY must have a frame to send at once (its RTP-Info names that first packet).
        if (Volatile.Read(ref _newest) < 0)
            Publish(CurrentNumber());
        return new Subscription(this);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _subscribers = 0;
            StopProducer();
        }
    }

    private void Unsubscribe()
    {
        lock (_gate)
        {
            if (_subscribers > 0 && --_subscribers == 0)
                StopProducer();
        }
    }

    private void StopProducer()
    {
        _stop?.Cancel();
        _stop?.Dispose();
        _stop = null;
        _producer = null;
    }

    private void Produce(CancellationToken stop)
    {
        double periodTicks = Stopwatch.Frequency / FrameRate;
        while (!stop.IsCancellationRequested)
        {
            long number = CurrentNumber();
            Publish(number);
            // Precision is the pacer's job: the producer only has to be one frame ahead of it.
            long next = _epoch + (long)((number + 1) * periodTicks);
            double waitMs = (next - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (waitMs > 0)
                stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(waitMs));
        }
    }

    private long CurrentNumber() => (long)((Stopwatch.GetTimestamp() - _epoch) * FrameRate / Stopwatch.Frequency);

    private void Publish(long number)
    {
        lock (_publishGate)
        {
            if (number <= _newest)
                return;
            var frame = new EncodedFrame(number, _renderer.RenderJpeg((uint)number));
            Volatile.Write(ref _ring[number % RingSize], frame);
            Volatile.Write(ref _newest, number);
        }
    }

    private sealed class Subscription(LivePatternSource source) : ILiveSubscription
    {
        private long _last = -1;
        private bool _disposed;

        public EncodedFrame? TakeNext()
        {
            long newest = Volatile.Read(ref source._newest);
            if (newest < 0 || newest <= _last)
                return null;
            long wanted = _last < 0 || newest - _last >= RingSize / 2 ? newest : _last + 1;
            var frame = Volatile.Read(ref source._ring[wanted % RingSize]);
            if (frame is null || frame.Number != wanted)
                return null;
            _last = wanted;
            return frame;
        }

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            source.Unsubscribe();
        }
    }
}
