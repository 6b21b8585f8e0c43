using System.Diagnostics;

namespace Rtsp.Server.Limits;

/// <summary>
/// The two clocks a connection's reads run against. Idle: time since the last byte (<see cref="ServerLimits.IdleTimeout"/>).
/// Request: time since the current request's first byte (<see cref="ServerLimits.RequestTimeout"/>). A slowloris
/// client sending one byte a second is never idle, so only the second clock cuts it off; between requests only
/// the first runs.
/// </summary>
public sealed class RequestDeadline
{
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _requestTimeout;
    private long? _requestStarted;

    public RequestDeadline(TimeSpan idleTimeout, TimeSpan requestTimeout)
    {
        _idleTimeout = idleTimeout;
        _requestTimeout = requestTimeout;
    }

    public TimeSpan IdleTimeout => _idleTimeout;

    public TimeSpan RequestTimeout => _requestTimeout;

    /// <summary>How long the next read may wait, and whether running out means the request came too slowly (else: idle).</summary>
    public (TimeSpan Wait, bool RequestTooSlow) NextWait()
    {
        if (_requestStarted is not { } started)
            return (_idleTimeout, false);
        var left = _requestTimeout - Stopwatch.GetElapsedTime(started);
        if (left <= TimeSpan.Zero)
            return (TimeSpan.Zero, true);
        return left < _idleTimeout ? (left, true) : (_idleTimeout, false);
    }

    /// <summary>
    /// After the bytes of one read were parsed: <paramref name="inProgress"/> when part of a message is still
    /// missing, <paramref name="completedAny"/> when that read finished at least one message (what is left then
    /// began in this read).
    /// </summary>
    public void Parsed(bool inProgress, bool completedAny)
    {
        if (!inProgress)
            _requestStarted = null;
        else if (completedAny || _requestStarted is null)
            _requestStarted = Stopwatch.GetTimestamp();
    }
}
