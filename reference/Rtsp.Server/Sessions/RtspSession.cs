using System.Diagnostics;
using System.Net;
using Rtsp.Media;
using Rtsp.Server.Streaming;
using Rtsp.Server.Transport;

namespace Rtsp.Server.Sessions;

/// <summary>
/// One RTSP session (one client, one media, one track): its state, its transport and its RTP sender.
/// Every state change goes through <see cref="TryApply"/> and the table in <see cref="SessionStateMachine"/>.
/// Request threads take <see cref="Gate"/>; the pacer thread never does (the streamer hand-over is synchronous).
/// </summary>
public sealed class RtspSession : IDisposable
{
    private long _lastActivity = Stopwatch.GetTimestamp();
    private int _disposed;

    public RtspSession(string id, IPAddress clientAddress, IMediaSource source, string mediaPath, string trackUrl, IRtpSink sink, RtpStreamer streamer, TimeSpan timeout)
    {
        Id = id;
        ClientAddress = clientAddress;
        Source = source;
        MediaPath = mediaPath;
        TrackUrl = trackUrl;
        Sink = sink;
        Streamer = streamer;
        Timeout = timeout;
    }

    public string Id { get; }

    /// <summary>The address that set the session up: the only one whose requests may name it.</summary>
    public IPAddress ClientAddress { get; }

    public IMediaSource Source { get; }

    /// <summary>The media path the session was set up on (the catalogue key).</summary>
    public string MediaPath { get; }

    /// <summary>The track URL the client used in SETUP: the RTP-Info url.</summary>
    public string TrackUrl { get; }

    public IRtpSink Sink { get; private set; }

    public RtpStreamer Streamer { get; private set; }

    public TimeSpan Timeout { get; }

    public SessionState State { get; private set; } = SessionState.Init;

    /// <summary>Serialises requests on this session (several connections may use one session).</summary>
    public object Gate { get; } = new();

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public TimeSpan Idle => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    /// <summary>Any request naming the session, or an RTCP receiver report, keeps it alive (RFC 2326 12.37).</summary>
    public void Touch() => Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());

    /// <summary>Moves to the state the table gives for <paramref name="event"/>; false (state unchanged) when not allowed.</summary>
    public bool TryApply(SessionEvent @event)
    {
        var next = SessionStateMachine.Next(State, @event);
        if (next is null)
            return false;
        State = next.Value;
        return true;
    }

    public bool CanApply(SessionEvent @event) => SessionStateMachine.IsAllowed(State, @event);

    /// <summary>A second SETUP in Ready changes the transport (RFC 2326 10.4): the old sink and sender go, without BYE.</summary>
    public void ReplaceTransport(IRtpSink sink, RtpStreamer streamer)
    {
        Streamer.Dispose();
        Sink.Dispose();
        Sink = sink;
        Streamer = streamer;
    }

    /// <summary>Stops sending, says BYE (unless <paramref name="bye"/> is false), frees the ports. Idempotent.</summary>
    public void Close(bool bye = true)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Streamer.Stop();
        if (bye)
            Streamer.SendBye();
        Streamer.Dispose();
        Sink.Dispose();
        State = SessionState.Init;
    }

    public void Dispose() => Close();
}
