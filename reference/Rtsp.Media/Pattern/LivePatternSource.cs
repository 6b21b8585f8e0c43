using System.Diagnostics;
using Rtsp.Media.Live;

namespace Rtsp.Media.Pattern;

/// <summary>
/// The live pattern (/live/pattern): the same picture as the sample clip, produced in real time for as long as
/// someone watches. Frame n is due at source creation + n periods (wall clock), so its barcode tells a viewer
/// how old the source is; a producer thread runs only while there are subscribers.
/// </summary>
public sealed class LivePatternSource : ILiveMediaSource
{
    private readonly PatternRenderer _renderer;
    private readonly long _epoch = Stopwatch.GetTimestamp();
    private readonly LiveFrameBroadcast _broadcast = new();
    private readonly object _gate = new();
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
                // A new viewer's first PLAY must have a frame to send at once (its RTP-Info names that first
                // packet), and after an idle spell the newest frame is old: publish the present one first.
                Publish(CurrentNumber());
                var stop = _stop = new CancellationTokenSource();
                _producer = new Thread(() => Produce(stop)) { IsBackground = true, Name = "live-pattern " + Path };
                _producer.Start();
            }
        }
        return _broadcast.CreateCursor(Unsubscribe);
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

    /// <summary>Asks the producer to stop; the producer disposes its token source itself when it has (disposing it
    /// here raced the producer's wait on its handle: an ObjectDisposedException on that thread ended the server).</summary>
    private void StopProducer()
    {
        _stop?.Cancel();
        _stop = null;
        _producer = null;
    }

    private void Produce(CancellationTokenSource stop)
    {
        double periodTicks = Stopwatch.Frequency / FrameRate;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                long number = CurrentNumber();
                Publish(number);
                // Precision is the pacer's job: the producer only has to be one frame ahead of it.
                long next = _epoch + (long)((number + 1) * periodTicks);
                double waitMs = (next - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
                if (waitMs > 0)
                    stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(waitMs));
            }
        }
        finally
        {
            stop.Dispose();
        }
    }

    private long CurrentNumber() => (long)((Stopwatch.GetTimestamp() - _epoch) * FrameRate / Stopwatch.Frequency);

    private void Publish(long number) =>
        _broadcast.Publish(number, n => new EncodedFrame(n, _renderer.RenderJpeg((uint)n), _epoch + (long)(n * Stopwatch.Frequency / FrameRate)));
}
