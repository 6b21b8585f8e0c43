using System.Diagnostics;
using Rtsp.Media;

namespace Rtsp.Server.Streaming;

/// <summary>
/// When a session of a live source looks for a new frame, and which RTP timestamp that frame gets.
/// Broadcast: a live frame goes out as soon as the source has published it, so every session of the path sends
/// the same frame at (nearly) the same moment instead of on its own grid set by when its PLAY arrived. The next
/// look is due one period after the last frame was published (plus <see cref="Margin"/>), a time every session of
/// the source computes alike from the same frame; when the frame is not published yet, looks repeat
/// every <see cref="RetryDivisor"/>th of a period (at most 5 ms). Timestamps follow the capture clock (RFC 3550 5.1: the
/// sampling instant of the first octet), anchored so that a run's first frame carries the rtptime RTP-Info
/// announced; frames without a capture time use the moment they were found.
/// </summary>
public sealed class LiveTiming(double periodTicks, double clockRate)
{
    public const int RetryDivisor = 8;

    private static readonly long MaxRetryTicks = Stopwatch.Frequency / 200;

    /// <summary>Encoding takes a few ms after capture: looking earlier than this would only find nothing.</summary>
    public static readonly long Margin = Stopwatch.Frequency / 500;

    private readonly long _retryTicks = Math.Max(1, Math.Min(MaxRetryTicks, (long)(periodTicks / RetryDivisor)));
    private uint _anchorTimestamp;
    private long _anchorCapture;
    private bool _anchored;
    private uint _lastTimestamp;
    private long _lastSampled;
    private long _lastAvailable;

    /// <summary>True once this run has sent a frame (a sender report before that would extrapolate across the pause).</summary>
    public bool HasFrameInRun => _anchored;

    /// <summary>The timestamp a next run should start with (one frame after the last sent); null before any frame.</summary>
    public uint? NextTimestamp { get; private set; }

    /// <summary>A new PLAY: its first frame gets <paramref name="firstTimestamp"/> (the RTP-Info rtptime).</summary>
    public void StartRun(uint firstTimestamp)
    {
        _anchorTimestamp = firstTimestamp;
        _anchored = false;
        _lastSampled = 0;
        _lastAvailable = 0;
    }

    /// <summary>The RTP timestamp of <paramref name="frame"/>, found at <paramref name="now"/>; always after the previous one.</summary>
    public uint TimestampOf(EncodedFrame frame, long now)
    {
        long sampled = SampledAt(frame, now);
        _lastSampled = sampled;
        _lastAvailable = frame.PublishedAt != 0 ? frame.PublishedAt : sampled;
        uint timestamp;
        if (!_anchored)
        {
            _anchored = true;
            _anchorCapture = sampled;
            timestamp = _anchorTimestamp;
        }
        else
        {
            double elapsed = (sampled - _anchorCapture) * clockRate / Stopwatch.Frequency;
            timestamp = unchecked(_anchorTimestamp + (uint)(long)Math.Round(Math.Max(0, elapsed)));
            if (unchecked((int)(timestamp - _lastTimestamp)) <= 0)
                timestamp = unchecked(_lastTimestamp + 1);
        }
        _lastTimestamp = timestamp;
        NextTimestamp = unchecked(timestamp + (uint)Math.Round(periodTicks * clockRate / Stopwatch.Frequency));
        return timestamp;
    }

    /// <summary>The instant the frame shows (its capture time when known).</summary>
    public static long SampledAt(EncodedFrame frame, long now) => frame.CaptureTimestamp != 0 ? frame.CaptureTimestamp : now;

    /// <summary>When to look for the next frame.</summary>
    public long NextPoll(long now)
    {
        // From when the last frame became available, which every session of the source shares. Not from its capture
        // stamp: the capture clock keeps nominal spacing through a burst of queued frames, stamping some after they
        // were read, and looks timed from those stamps left a published frame waiting up to 4 periods; a viewer that
        // joined then got it at once, 34-113 ms before the others (measured with kernel receive times).
        long expected = _lastAvailable + (long)periodTicks + Margin;
        return _lastAvailable != 0 && expected > now ? expected : now + _retryTicks;
    }
}
