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
                _stop = new CancellationTokenSource();
                var token = _stop.Token;
                _producer = new Thread(() => Produce(token)) { IsBackground = true, Name = "live-pattern " + Path };
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

    private void Publish(long number) =>
        _broadcast.Publish(number, n => new EncodedFrame(n, _renderer.RenderJpeg((uint)n), _epoch + (long)(n * Stopwatch.Frequency / FrameRate)));
}
