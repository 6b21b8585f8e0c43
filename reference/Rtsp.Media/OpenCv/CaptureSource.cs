using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using Rtsp.Media.Live;

namespace Rtsp.Media.OpenCv;

/// <summary>
/// A live source read with OpenCV: a V4L2 camera or any feed OpenCV opens (a FIFO fed with MJPEG or MPEG-TS).
/// One capture thread reads frames as they come and stamps each with the monotonic clock at the moment the read
/// returned, de-jittered by <see cref="CaptureClock"/>; while anyone watches it encodes them (<see cref="Rfc2435JpegEncoder"/>) and publishes them once to
/// every session (<see cref="LiveFrameBroadcast"/>). Reading never waits for a session, so a slow client slows
/// nobody. The thread reads even with no viewer: a camera's queue and a FIFO's pipe stay drained, so the first
/// viewer sees the present, not a backlog. When reads stop (camera unplugged, the FIFO's writer gone) the source
/// ends: a log line says why and every session gets RTCP BYE.
/// </summary>
public sealed class CaptureSource : ILiveMediaSource
{
    /// <summary>Rate assumed when the device reports none (FIFOs often do not).</summary>
    public const double FallbackFrameRate = 25;

    /// <summary>A camera that returns no frame for this long is considered gone.</summary>
    private static readonly TimeSpan CameraSilence = TimeSpan.FromSeconds(2);

    private readonly CaptureSpec _spec;
    private readonly VideoCapture _capture;
    private readonly Rfc2435JpegEncoder _encoder;
    private readonly ILogger _logger;
    private readonly LiveFrameBroadcast _broadcast = new();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private readonly Lock _subscribersGate = new();
    private int _subscribers;
    private long _staleUpTo = -1;
    private long _published;
    private long _lastSkipLog;

    private CaptureSource(CaptureSpec spec, VideoCapture capture, Rfc2435JpegEncoder encoder, ILogger logger, double frameRate, Size size)
    {
        _spec = spec;
        _capture = capture;
        _encoder = encoder;
        _logger = logger;
        FrameRate = frameRate;
        Width = size.Width;
        Height = size.Height;
        _broadcast.ViewerSkipped += LogSkip;
        _thread = new Thread(Run) { IsBackground = true, Name = "capture " + spec.Path };
        _thread.Start();
    }

    public string Path => _spec.Path;

    public int Width { get; }

    public int Height { get; }

    public double FrameRate { get; }

    public bool IsLive => true;

    /// <summary>Why the capture stopped; null while it runs.</summary>
    public string? EndReason => _broadcast.EndReason;

    /// <summary>Frames read from the device so far (encoded or not).</summary>
    public long FramesRead { get; private set; }

    /// <summary>
    /// Opens the device now, so a missing camera fails at start-up with a message that names it and what to check.
    /// A FIFO blocks here until its writer opens it.
    /// </summary>
    /// <exception cref="MediaOpenException">the device does not exist, cannot be opened, or delivers no frame.</exception>
    public static CaptureSource Open(CaptureSpec spec, Rfc2435JpegEncoder encoder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(encoder);
        if (spec.IsCamera && !File.Exists(spec.Device))
            throw new MediaOpenException($"{spec.Path}: camera {spec.Device} does not exist. Is a camera connected? `v4l2-ctl --list-devices` (package v4l-utils) lists cameras and their /dev/videoN nodes; in a container, pass the device in (docker run --device {spec.Device}).");
        if (!spec.IsCamera && !File.Exists(spec.Device))
            throw new MediaOpenException($"{spec.Path}: {spec.Device} does not exist (create the FIFO with `mkfifo {spec.Device}` and start its writer, or give a device node)");
        var capture = spec.IsCamera
            ? new VideoCapture(spec.Device, VideoCaptureAPIs.V4L2)
            : new VideoCapture(spec.Device, VideoCaptureAPIs.FFMPEG);
        try
        {
            if (!capture.IsOpened())
            {
                throw new MediaOpenException(spec.IsCamera
                    ? $"{spec.Path}: cannot open camera {spec.Device}. Check that it is a capture device (`v4l2-ctl --list-devices`), that this user may open it (`ls -l {spec.Device}`: root or the 'video' group), and that no other program holds it."
                    : $"{spec.Path}: OpenCV cannot open {spec.Device} as video (it reads devices and FIFOs fed with MJPEG or MPEG-TS through its FFmpeg backend, not network URLs)");
            }
            int width = (int)capture.FrameWidth, height = (int)capture.FrameHeight;
            if (width <= 0 || height <= 0)
                throw new MediaOpenException($"{spec.Path}: {spec.Device} opened but reports no picture size");
            double fps = capture.Fps;
            if (!(fps is > 0 and <= 240))
            {
                logger.LogWarning("{Path}: {Device} reports no frame rate ({Fps}); announcing {Fallback} fps", spec.Path, spec.Device, fps, FallbackFrameRate);
                fps = FallbackFrameRate;
            }
            var size = encoder.OutputSize(width, height);
            logger.LogInformation("{Path}: capturing {Device} ({Backend}) {Width}x{Height} at {Fps:0.###} fps, sent as {OutWidth}x{OutHeight} JPEG quality {Quality}",
                spec.Path, spec.Device, capture.GetBackendName(), width, height, fps, size.Width, size.Height, encoder.Quality);
            return new CaptureSource(spec, capture, encoder, logger, fps, size);
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    public ILiveSubscription Subscribe()
    {
        lock (_subscribersGate)
        {
            // Nothing is published while nobody watches, so what the broadcast holds when a watched spell begins is
            // from before it: every viewer of the spell (not only its first: a second SETUP comes before any new
            // frame) starts with the next frame read, never that old picture with its old capture time.
            if (_subscribers++ == 0)
                _staleUpTo = _broadcast.Newest;
            return _broadcast.CreateCursor(Unsubscribe, _staleUpTo);
        }
    }

    private void Unsubscribe()
    {
        lock (_subscribersGate)
            _subscribers--;
    }

    public void Dispose()
    {
        _stopping = true;
        // A read blocked on a FIFO whose writer is idle cannot be interrupted; the thread is a background one
        // and releases the capture itself when that read returns.
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private void Run()
    {
        var lastFrame = Stopwatch.GetTimestamp();
        var clock = new CaptureClock(FrameRate);
        using var picture = new Mat();
        try
        {
            while (!_stopping)
            {
                bool read;
                try
                {
                    read = _capture.Read(picture) && !picture.Empty();
                }
                catch (OpenCVException ex)
                {
                    End($"OpenCV failed reading {_spec.Device}: {ex.Message}");
                    return;
                }
                long captured = Stopwatch.GetTimestamp();
                if (!read)
                {
                    if (!_spec.IsCamera)
                    {
                        End($"{_spec.Device} ended (its writer closed it, or the feed is not video)");
                        return;
                    }
                    if (!File.Exists(_spec.Device))
                    {
                        End($"camera {_spec.Device} disappeared (unplugged?)");
                        return;
                    }
                    if (Stopwatch.GetElapsedTime(lastFrame) > CameraSilence)
                    {
                        End($"camera {_spec.Device} delivered no frame for {CameraSilence.TotalSeconds:0} s");
                        return;
                    }
                    Thread.Sleep(20);
                    continue;
                }
                lastFrame = captured;
                FramesRead++;
                long stamp = clock.Stamp(captured);
                if (Volatile.Read(ref _subscribers) > 0)
                    Publish(picture, stamp);
            }
        }
        finally
        {
            _capture.Dispose();
        }
    }

    private void Publish(Mat picture, long captured)
    {
        byte[] jpeg;
        try
        {
            jpeg = _encoder.Encode(picture);
        }
        catch (Exception ex) when (ex is OpenCVException or Protocol.ProtocolFormatException or ArgumentException)
        {
            _logger.LogWarning("{Path}: frame {Frame} not encodable, skipped: {Reason}", Path, FramesRead, ex.Message);
            return;
        }
        _broadcast.Publish(new EncodedFrame(_published++, jpeg, captured));
    }

    /// <summary>At most one line a second: a machine short of CPU would otherwise log for every viewer.</summary>
    private void LogSkip(long skipped)
    {
        long now = Stopwatch.GetTimestamp();
        long last = Interlocked.Read(ref _lastSkipLog);
        if (last != 0 && Stopwatch.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1) || Interlocked.CompareExchange(ref _lastSkipLog, now, last) != last)
            return;
        _logger.LogWarning("{Path}: a viewer fell {Skipped} frames ({Ms:0} ms) behind the capture and skipped them to stay live (the server's sending thread went without CPU that long; is the machine overloaded?)",
            Path, skipped, skipped * 1000 / FrameRate);
    }

    private void End(string reason)
    {
        _broadcast.End(reason);
        if (!_stopping)
            _logger.LogWarning("{Path}: capture ended: {Reason}; its sessions are ended with RTCP BYE, other paths keep serving", Path, reason);
    }
}
