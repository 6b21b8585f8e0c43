using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Rtsp.Media;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Auth;
using Rtsp.Server.Connections;
using Rtsp.Server.Faults;
using Rtsp.Server.Limits;
using Rtsp.Server.Pacing;
using Rtsp.Server.Sessions;
using Rtsp.Server.Streaming;
using Rtsp.Server.Transport;

namespace Rtsp.Server.Handling;

/// <summary>
/// Answers RTSP requests (RFC 2326 section 10, one method each below) and keeps sessions moving through
/// <see cref="SessionStateMachine"/>. Status codes: 400 malformed, 401 credentials, 403 a destination= other
/// than the requester (RFC 2326 15: no traffic to third parties), 404 unknown path, 405 methods this server
/// never allows (ANNOUNCE, RECORD, REDIRECT), 451 unknown parameter, 454 unknown session, 455 method not valid
/// in the state (454 also when the session belongs to another client address, and for a PLAY or PAUSE naming another
/// presentation), 456 a Scale or Speed other than 1, 457 range outside the media, 459 SETUP on the aggregate URL
/// (there is one track: SETUP it), 461 transport not offered (multicast, another profile, an unknown lower transport
/// such as RTP/AVP/SCTP, RECORD mode, UDP without client_port), 501 unknown
/// method, 503 no session or port left, 505 via the parser, 551 any Require.
/// </summary>
public sealed class RtspRequestHandler : IRtspRequestHandler
{
    public static readonly string[] PublicMethods =
    [
        RtspMethods.Options, RtspMethods.Describe, RtspMethods.Setup, RtspMethods.Play, RtspMethods.Pause,
        RtspMethods.Teardown, RtspMethods.GetParameter, RtspMethods.SetParameter,
    ];

    private static readonly string[] RefusedMethods = [RtspMethods.Announce, RtspMethods.Record, RtspMethods.Redirect];

    private readonly ServerOptions _options;
    private readonly MediaCatalog _catalog;
    private readonly SessionRegistry _sessions;
    private readonly RtpPortAllocator _ports;
    private readonly FramePacer _pacer;
    private readonly FramePayloadCache _payloads;
    private readonly Authenticator? _auth;
    private readonly ILogger _logger;
    private readonly LimitLog _limitLog;
    private readonly FaultSet _faults;

    public RtspRequestHandler(ServerOptions options, MediaCatalog catalog, SessionRegistry sessions, RtpPortAllocator ports,
        FramePacer pacer, FramePayloadCache payloads, ILogger logger, LimitLog limitLog)
    {
        _limitLog = limitLog;
        _options = options;
        _catalog = catalog;
        _sessions = sessions;
        _ports = ports;
        _pacer = pacer;
        _payloads = payloads;
        _logger = logger;
        _faults = options.Faults;
        _auth = options.User is null ? null : new Authenticator(options.User, options.Password!);
    }

    private int TimeoutSeconds => (int)_options.SessionTimeout.TotalSeconds;

    public RtspResponse Handle(RtspRequest request, RtspConnection connection)
    {
        RtspResponse response;
        try
        {
            response = Dispatch(request, connection);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "{Connection}: {Method} {Uri} failed", connection.Name, request.Method, request.Uri);
            response = new RtspResponse(500);
        }
        // Only a valid CSeq is echoed: a garbage or 40-digit one would be reflected back verbatim.
        string? cseq = ValidCSeq(request);
        if (cseq is not null)
            response.Headers.Set("CSeq", _faults.Has(FaultKind.CseqMismatch) ? MismatchedCSeq(cseq) : cseq);
        response.Headers.Set("Server", "rtsp-ref");
        _logger.LogDebug("{Connection}: {Method} {Uri} -> {Status}", connection.Name, request.Method, request.Uri, response.StatusCode);
        return response;
    }

    public void ConnectionClosed(RtspConnection connection)
    {
        // Interleaved sessions live on their connection; UDP sessions outlive it until their timeout or TEARDOWN.
        foreach (var session in _sessions.All.Where(s => s.Sink is InterleavedRtpSink sink && sink.Connection == connection).ToList())
            EndSession(session, "its TCP connection closed");
    }

    /// <summary>Closes sessions nobody has named for longer than their timeout (RFC 2326 12.37).</summary>
    public void ExpireIdleSessions()
    {
        foreach (var session in _sessions.All.Where(s => s.Idle > s.Timeout).ToList())
            EndSession(session, $"no request or RTCP report for {session.Timeout.TotalSeconds:0} s");
    }

    public void EndAllSessions(string reason)
    {
        foreach (var session in _sessions.All.ToList())
            EndSession(session, reason);
    }

    private void EndSession(RtspSession session, string reason)
    {
        if (!_sessions.Remove(session))
            return;
        lock (session.Gate)
            session.Close(bye: true);
        var report = session.Streamer.LastReceiverReport;
        _logger.LogInformation("session {Id} ended: {Reason}; sent {Packets} RTP packets, {Dropped} dropped at a full socket; {Report}",
            session.Id, reason, session.Streamer.PacketsSent, session.Sink.Dropped,
            report is null ? "no receiver report" : $"{report.Reports} receiver reports, last: lost {report.CumulativeLost}, jitter {report.Jitter}");
    }

    private RtspResponse Dispatch(RtspRequest request, RtspConnection connection)
    {
        if (ValidCSeq(request) is null)
            return Refuse(RtspStatus.BadRequest, "CSeq missing, repeated or not a number of at most 18 digits");
        var require = request.Headers.GetAll("Require").ToList();
        if (require.Count > 0)
        {
            // RFC 2326 12.32: this server implements no option tags.
            var unsupported = new RtspResponse(551);
            unsupported.Headers.Add("Unsupported", string.Join(", ", require));
            return unsupported;
        }
        if (_auth is not null && request.Method != RtspMethods.Options && !_auth.IsAuthorized(request))
        {
            var challenge = new RtspResponse(RtspStatus.Unauthorized);
            _auth.Challenge(challenge);
            return challenge;
        }
        return request.Method switch
        {
            RtspMethods.Options => Options(request, connection),
            RtspMethods.Describe => Describe(request, connection),
            RtspMethods.Setup => Setup(request, connection),
            RtspMethods.Play => Play(request, connection),
            RtspMethods.Pause => Pause(request, connection),
            RtspMethods.Teardown => Teardown(request, connection),
            RtspMethods.GetParameter => GetParameter(request, connection),
            RtspMethods.SetParameter => SetParameter(request, connection),
            _ when RefusedMethods.Contains(request.Method) => MethodNotAllowed(),
            _ => new RtspResponse(501),
        };
    }

    /// <summary>
    /// RFC 2326 12.17: CSeq = 1*DIGIT, exactly one. Null for a missing, repeated, negative, non-numeric or absurdly
    /// long one: such a request is refused rather than answered with a number the client never sent.
    /// </summary>
    private static string? ValidCSeq(RtspRequest request)
    {
        var values = request.Headers.GetAll(CSeqHeader.Name).Take(2).ToList();
        // Echoed as written (RFC 2326 12.17: the same value), so "007" stays "007".
        return values.Count == 1 && CSeqHeader.TryParse(values[0], out _) ? values[0].Trim() : null;
    }

    private RtspResponse Options(RtspRequest request, RtspConnection connection)
    {
        FindSession(request, connection)?.Touch();
        var response = new RtspResponse(RtspStatus.Ok);
        response.Headers.Add(PublicHeader.Name, new PublicHeader(PublicMethods).ToString());
        return response;
    }

    private RtspResponse Describe(RtspRequest request, RtspConnection connection)
    {
        if (!RequestTarget.TryParse(request.Uri, out var target))
            return new RtspResponse(RtspStatus.BadRequest);
        var source = target!.IsTrack ? null : _catalog.Find(target.MediaPath);
        if (source is null)
            return NotFound(request);
        var response = new RtspResponse(RtspStatus.Ok) { Body = StreamDescription.Build(source, connection.LocalAddress, !_faults.Has(FaultKind.H264NoParameterSets)).ToBytes() };
        response.Headers.Add("Content-Base", target.ContentBase);
        response.Headers.Add("Content-Type", "application/sdp");
        response.Headers.Add("Content-Length", response.Body.Length.ToString(CultureInfo.InvariantCulture));
        return response;
    }

    private RtspResponse Setup(RtspRequest request, RtspConnection connection)
    {
        if (!RequestTarget.TryParse(request.Uri, out var target))
            return new RtspResponse(RtspStatus.BadRequest);
        var source = _catalog.Find(target!.MediaPath);
        if (source is null)
            return NotFound(request);
        if (!target.IsTrack)
            return Refuse(459, $"SETUP names the aggregate; SETUP the track {target.TrackUrl}");

        RtspSession? existing = null;
        if (request.Headers.Get(SessionHeader.Name) is not null)
        {
            existing = FindSession(request, connection);
            if (existing is null)
                return new RtspResponse(RtspStatus.SessionNotFound);
            if (existing.MediaPath != target.MediaPath)
                return Refuse(459, "one session streams one media; use a new session for another path");
            if (!existing.CanApply(SessionEvent.Setup))
                return new RtspResponse(RtspStatus.MethodNotValidInThisState);
        }
        else if (_sessions.Count >= _options.MaxSessions)
        {
            return Busy("--max-sessions", _options.MaxSessions.ToString(CultureInfo.InvariantCulture), connection, "SETUP answered 503: the server holds that many sessions");
        }
        if (existing is null && connection.Quota.RefuseNewSession() is { } tooManySessions)
            return tooManySessions;

        if (!TransportOffer.TryParse(request.Headers.Get(TransportHeader.Name), out var offer, out var malformed))
            return Refuse(RtspStatus.BadRequest, $"Transport header missing or malformed: {malformed}");
        var choice = ChooseTransport(offer!, connection, out var error);
        if (choice is null)
            return error!;
        if (choice.LowerTransport == LowerTransport.Udp && connection.Quota.RefuseUdpPorts(existing) is { } tooManyPorts)
            return tooManyPorts;

        var sink = CreateSink(choice, connection);
        if (sink is null)
            return Busy("--rtp-ports", $"{_options.RtpPortLow}-{_options.RtpPortHigh}", connection, "SETUP answered 503: no free server RTP port pair or interleaved channel");
        var streamer = new RtpStreamer(source, sink, _pacer, _payloads, _faults, _options.SenderReportInterval, _options.Spread,
            $"rtsp-ref@{connection.LocalAddress}");

        RtspSession session;
        if (existing is not null)
        {
            lock (existing.Gate)
            {
                existing.ReplaceTransport(sink, streamer);
                existing.TryApply(SessionEvent.Setup);
            }
            session = existing;
        }
        else
        {
            session = new RtspSession(SessionRegistry.NewId(), connection.RemoteAddress, source, target.MediaPath, request.Uri, sink, streamer, _options.SessionTimeout);
            session.TryApply(SessionEvent.Setup);
            _sessions.TryAdd(session);
            connection.Quota.Add(session);
            _logger.LogInformation("session {Id}: {Path} to {Client} over {Transport}", session.Id, source.Path, connection.Name, sink.ReplyTransport);
        }
        Wire(session, streamer);
        sink.StartReceivingRtcp(data =>
        {
            if (session.Streamer.ReceiveRtcp(data))
                session.Touch();
        });
        session.Touch();

        var response = new RtspResponse(RtspStatus.Ok);
        response.Headers.Add(TransportHeader.Name, (sink.ReplyTransport with { Ssrc = streamer.Ssrc }).ToString());
        AddSession(response, session);
        return response;
    }

    /// <summary>
    /// The first spec of the client's list this server can serve (RFC 2326 12.39: in preference order). Alternatives
    /// naming an unknown lower transport (RTP/AVP/SCTP) were set aside by the parser and are skipped like any other
    /// unusable one: 461 when nothing is left (RFC 2326 11.3.12 "did not contain a supported transport specification").
    /// </summary>
    private TransportSpec? ChooseTransport(TransportOffer offer, RtspConnection connection, out RtspResponse? error)
    {
        error = null;
        foreach (var spec in offer.Known)
        {
            if (!spec.Protocol.Equals("RTP", StringComparison.OrdinalIgnoreCase) || !spec.Profile.Equals("AVP", StringComparison.OrdinalIgnoreCase))
                continue;
            if (spec.Unicast == false || (spec.Mode is not null && !spec.Mode.Equals(RtspMethods.Play, StringComparison.OrdinalIgnoreCase)))
                continue;
            var problems = spec.Validate();
            if (problems.Count > 0)
            {
                error = Refuse(RtspStatus.BadRequest, "Transport: " + string.Join("; ", problems));
                return null;
            }
            if (!string.IsNullOrEmpty(spec.Destination)
                && !(IPAddress.TryParse(spec.Destination, out var destination) && destination.Equals(connection.RemoteAddress)))
            {
                // RFC 2326 15: sending to an address other than the requester's would make this server a traffic cannon.
                error = Refuse(403, $"destination={spec.Destination} is not the requesting address {connection.RemoteAddress}");
                return null;
            }
            if (spec.LowerTransport == LowerTransport.Udp)
            {
                if (spec.ClientPort is not { } ports)
                    continue;
                if (!ports.IsValid || (ports.High is int high && high != ports.Low + 1))
                {
                    error = Refuse(RtspStatus.BadRequest, $"client_port={ports}: need an RTP port and the next one for RTCP");
                    return null;
                }
            }
            return spec;
        }
        error ??= Refuse(461, "offer RTP/AVP unicast with client_port, or RTP/AVP/TCP");
        return null;
    }

    private IRtpSink? CreateSink(TransportSpec spec, RtspConnection connection)
    {
        if (spec.LowerTransport == LowerTransport.Tcp)
        {
            int channel = connection.ReserveChannels(spec.Interleaved?.Low);
            return channel < 0 ? null : new InterleavedRtpSink(connection, channel);
        }
        var pair = _ports.Allocate();
        return pair is null ? null : new UdpRtpSink(pair, connection.RemoteAddress, spec.ClientPort!.Value);
    }

    private void Wire(RtspSession session, RtpStreamer streamer)
    {
        // Both fire on the pacer thread, which must not wait for a session lock a request thread may hold while
        // it waits for the pacer: hand them to the thread pool.
        streamer.EndOfMedia += run => ThreadPool.QueueUserWorkItem(_ =>
        {
            lock (session.Gate)
            {
                if (session.Streamer == streamer && streamer.Run == run && session.State == SessionState.Playing)
                    session.TryApply(SessionEvent.EndOfMedia);
            }
        });
        streamer.SinkOverflowed += () => ThreadPool.QueueUserWorkItem(_ => EndSession(session, "TCP client too slow: its queue overflowed"));
    }

    private RtspResponse Play(RtspRequest request, RtspConnection connection)
    {
        if (request.Headers.Get(SessionHeader.Name) is null)
        {
            return _faults.Has(FaultKind.PlayBeforeSetup200)
                ? new RtspResponse(RtspStatus.Ok)
                : Refuse(RtspStatus.MethodNotValidInThisState, "PLAY before SETUP");
        }
        var session = FindSession(request, connection);
        if (session is null)
            return new RtspResponse(RtspStatus.SessionNotFound);
        if (RefuseOtherPresentation(request, session) is { } otherPresentation)
            return otherPresentation;
        session.Touch();
        RangeHeader? range = null;
        var rangeText = request.Headers.Get(RangeHeader.Name);
        if (rangeText is not null && (!RangeHeader.TryParse(rangeText, out range) || range is null))
            return Refuse(RtspStatus.BadRequest, "Range header malformed");
        if (RefuseRateChange(request) is { } rateChange)
            return rateChange;

        lock (session.Gate)
        {
            if (session.IsDisposed)
                return new RtspResponse(RtspStatus.SessionNotFound);
            if (!session.CanApply(SessionEvent.Play))
                return new RtspResponse(RtspStatus.MethodNotValidInThisState);
            var response = session.Source is IStoredMediaSource stored
                ? PlayStored(session, stored, range, connection)
                : PlayLive(session, range, connection);
            if (response.IsSuccess)
            {
                // RFC 2326 12.34: "The response MUST contain the actual scale value chosen by the server."
                if (request.Headers.Get(ScaleHeader.Name) is not null)
                    response.Headers.Add(ScaleHeader.Name, new ScaleHeader(1).ToString());
                AddSession(response, session, within: true);
            }
            return response;
        }
    }

    /// <summary>
    /// A PLAY or PAUSE whose URL names another presentation than the session's: 454. One session here streams one
    /// presentation (SETUP refuses a second path), so for that URL the id names no session — RFC 2326 11.3.5
    /// "the RTSP session identifier in the Session header is [...] invalid", and 12.37 "The response 454 (Session
    /// Not Found) is returned if the session identifier is invalid". Not 455 (the session's state allows PLAY) nor
    /// 459 (that is for a method the aggregate URL does not take, 11.3.10). Acting on it would play or pause the
    /// session's own media in answer to a request about something else.
    /// </summary>
    private static RtspResponse? RefuseOtherPresentation(RtspRequest request, RtspSession session)
    {
        if (!RequestTarget.TryParse(request.Uri, out var target))
            return Refuse(RtspStatus.BadRequest, "the request URL is not an rtsp:// URL of this server");
        return target!.MediaPath == session.MediaPath
            ? null
            : Refuse(RtspStatus.SessionNotFound, $"session {session.Id} plays {session.MediaPath}, not {target.MediaPath}");
    }

    /// <summary>
    /// Scale and Speed (RFC 2326 12.34, 12.35): a value outside their grammar is a 400; a well-formed rate other than
    /// 1 is refused with 456 Header Field Not Valid for Resource (11.3.7: "the server could not act on a required
    /// request header") — this server sends every file at its own frame rate. 12.34 lets a server "restrict the range
    /// of scale values that it supports" and Speed's implementation "is OPTIONAL"; refusing, rather than playing at
    /// 1 and saying so, keeps a client that asked for fast-forward from taking normal play for it.
    /// </summary>
    private static RtspResponse? RefuseRateChange(RtspRequest request)
    {
        var scaleText = request.Headers.Get(ScaleHeader.Name);
        if (scaleText is not null)
        {
            if (!ScaleHeader.TryParse(scaleText, out var scale))
                return Refuse(RtspStatus.BadRequest, "Scale must be [-]DIGITS[.DIGITS] (RFC 2326 12.34)");
            if (scale.Ratio != 1)
                return Refuse(456, $"Scale {scale}: only 1 (normal play) is supported");
        }
        var speedText = request.Headers.Get(SpeedHeader.Name);
        if (speedText is not null)
        {
            if (!SpeedHeader.TryParse(speedText, out var speed))
                return Refuse(RtspStatus.BadRequest, "Speed must be DIGITS[.DIGITS] above zero (RFC 2326 12.35)");
            if (speed.Ratio != 1)
                return Refuse(456, $"Speed {speed}: only 1 (the stream's own rate) is supported");
        }
        return null;
    }

    private RtspResponse PlayStored(RtspSession session, IStoredMediaSource source, RangeHeader? range, RtspConnection connection)
    {
        var streamer = session.Streamer;
        double duration = source.Duration.TotalSeconds;
        bool seek = range?.Start is { IsNow: false };
        int first, end = source.FrameCount;
        if (range is not null && range.Unit != RangeUnit.Npt)
            return Refuse(457, "only npt ranges are supported");
        if (seek)
        {
            double start = range!.Start!.Value.Seconds;
            if (start < 0 || start >= duration)
                return Refuse(457, $"npt={start.ToString(CultureInfo.InvariantCulture)} is outside 0-{duration.ToString(CultureInfo.InvariantCulture)}");
            // H.264 starts at the keyframe at or before the nearest frame (a decoder needs one); the reply's
            // Range and RTP-Info then name that frame, what is really played.
            first = source.SeekFrameAtOrBefore(Math.Min(source.FrameCount - 1, (int)Math.Round(start * source.FrameRate)));
        }
        else
        {
            first = streamer.Position;
        }
        if (range?.End is { IsNow: false } endTime)
        {
            if (endTime.Seconds <= first / source.FrameRate || endTime.Seconds > duration + 0.001)
                return Refuse(457, "range end outside the media or before its start");
            end = Math.Min(source.FrameCount, (int)Math.Ceiling(endTime.Seconds * source.FrameRate));
        }
        if (session.State == SessionState.Playing && !seek)
        {
            // PLAY while playing without a new range: nothing changes (RFC 2326 10.5 queues ranges; with none there is nothing to queue).
            var unchanged = new RtspResponse(RtspStatus.Ok);
            unchanged.Headers.Add(RangeHeader.Name, RangeHeader.Npt(streamer.Position / source.FrameRate, duration).ToString());
            return unchanged;
        }

        streamer.Stop();
        if (!(seek && _faults.Has(FaultKind.SeekIgnored)))
            streamer.Seek(first);
        int startFrame = streamer.Position;
        var response = new RtspResponse(RtspStatus.Ok);
        // The reply names where the stream really starts (the nearest frame), except when the fault lies about it.
        double reportedStart = seek && _faults.Has(FaultKind.SeekIgnored) ? range!.Start!.Value.Seconds : startFrame / source.FrameRate;
        response.Headers.Add(RangeHeader.Name, RangeHeader.Npt(reportedStart, end / source.FrameRate).ToString());
        session.TryApply(SessionEvent.Play);
        if (startFrame >= end)
        {
            // Finished and asked to go on from the end: nothing left to send (a PLAY with Range plays again).
            session.TryApply(SessionEvent.EndOfMedia);
            return response;
        }
        response.Headers.Add(RtpInfoHeader.Name, RtpInfo(session).ToString());
        StartAfterReply(connection, session, end);
        return response;
    }

    private RtspResponse PlayLive(RtspSession session, RangeHeader? range, RtspConnection connection)
    {
        // Live media is not seekable: "now", or 0 (ffmpeg sends npt=0.000- on every PLAY), start from the newest frame.
        if (range is not null && (range.Unit != RangeUnit.Npt || range.Start is { IsNow: false, Seconds: > 0 } || range.End is not null))
            return Refuse(457, "live source: only Range: npt=now- (or npt=0-)");
        var response = new RtspResponse(RtspStatus.Ok);
        response.Headers.Add(RangeHeader.Name, RangeHeader.NptFromNow().ToString());
        if (session.State != SessionState.Playing)
        {
            response.Headers.Add(RtpInfoHeader.Name, RtpInfo(session).ToString());
            session.TryApply(SessionEvent.Play);
            StartAfterReply(connection, session, int.MaxValue);
        }
        return response;
    }

    /// <summary>Starts sending once the PLAY reply is queued (see <see cref="RtspConnection.AfterResponse"/>).</summary>
    private static void StartAfterReply(RtspConnection connection, RtspSession session, int endFrame)
    {
        var streamer = session.Streamer;
        connection.AfterResponse(() =>
        {
            lock (session.Gate)
            {
                // A request on another connection may have paused or ended the session in between.
                if (!session.IsDisposed && session.State == SessionState.Playing && session.Streamer == streamer && !streamer.IsRunning)
                    streamer.Start(endFrame);
            }
        });
    }

    private RtpInfoHeader RtpInfo(RtspSession session)
    {
        ushort seq = session.Streamer.NextSequence;
        uint rtpTime = session.Streamer.NextTimestamp;
        if (_faults.Has(FaultKind.RtpInfoMismatch))
        {
            seq++;
            rtpTime += (uint)(RtpStreamer.ClockRate / session.Source.FrameRate);
        }
        return new RtpInfoHeader(new RtpInfoEntry(session.TrackUrl, seq, rtpTime));
    }

    private RtspResponse Pause(RtspRequest request, RtspConnection connection)
    {
        if (request.Headers.Get(SessionHeader.Name) is null)
            return Refuse(RtspStatus.MethodNotValidInThisState, "PAUSE without a session");
        var session = FindSession(request, connection);
        if (session is null)
            return new RtspResponse(RtspStatus.SessionNotFound);
        if (RefuseOtherPresentation(request, session) is { } otherPresentation)
            return otherPresentation;
        session.Touch();
        lock (session.Gate)
        {
            if (session.IsDisposed)
                return new RtspResponse(RtspStatus.SessionNotFound);
            if (!session.CanApply(SessionEvent.Pause))
                return new RtspResponse(RtspStatus.MethodNotValidInThisState);
            if (!_faults.Has(FaultKind.PauseIgnored))
            {
                session.Streamer.Stop();
                session.TryApply(SessionEvent.Pause);
            }
            var response = new RtspResponse(RtspStatus.Ok);
            if (session.Source is IStoredMediaSource stored)
                response.Headers.Add(RangeHeader.Name, RangeHeader.Npt(session.Streamer.Position / stored.FrameRate, stored.Duration.TotalSeconds).ToString());
            AddSession(response, session, within: true);
            return response;
        }
    }

    private RtspResponse Teardown(RtspRequest request, RtspConnection connection)
    {
        var session = FindSession(request, connection);
        if (session is null)
            return new RtspResponse(RtspStatus.SessionNotFound);
        if (_faults.Has(FaultKind.TeardownIgnored))
            return new RtspResponse(RtspStatus.Ok);
        EndSession(session, "TEARDOWN");
        return new RtspResponse(RtspStatus.Ok);
    }

    private RtspResponse GetParameter(RtspRequest request, RtspConnection connection)
    {
        string body = Encoding.UTF8.GetString(request.Body).Trim();
        RtspSession? session = null;
        if (request.Headers.Get(SessionHeader.Name) is not null)
        {
            session = FindSession(request, connection);
            if (session is null)
                return new RtspResponse(RtspStatus.SessionNotFound);
            session.Touch();
        }
        var response = new RtspResponse(RtspStatus.Ok);
        if (body.Length > 0)
        {
            // The admin query tests use to count sessions: body "sessions" -> "sessions: N".
            if (!body.Equals("sessions", StringComparison.OrdinalIgnoreCase))
                return Refuse(451, "the only parameter is 'sessions'");
            response.Body = Encoding.UTF8.GetBytes($"sessions: {_sessions.Count}\r\n");
            response.Headers.Add("Content-Type", "text/parameters");
        }
        if (session is not null)
            AddSession(response, session, within: true);
        return response;
    }

    private RtspResponse SetParameter(RtspRequest request, RtspConnection connection)
    {
        RtspSession? session = null;
        if (request.Headers.Get(SessionHeader.Name) is not null)
        {
            session = FindSession(request, connection);
            if (session is null)
                return new RtspResponse(RtspStatus.SessionNotFound);
            session.Touch();
        }
        if (request.Body.Length > 0)
            return Refuse(451, "no parameter can be set");
        var response = new RtspResponse(RtspStatus.Ok);
        if (session is not null)
            AddSession(response, session, within: true);
        return response;
    }

    /// <summary>
    /// The live session the request names, if it belongs to the requester: a session is bound to the client address
    /// that set it up. RFC 2326 allows a session to span connections (so another connection from the same address
    /// may use it), but anyone else who learnt or guessed the id gets 454 and changes nothing (RFC 2326 16.1.2:
    /// the id alone must not let a third party tear down or redirect someone's stream).
    /// </summary>
    private RtspSession? FindSession(RtspRequest request, RtspConnection connection)
    {
        var text = request.Headers.Get(SessionHeader.Name);
        if (text is null || !SessionHeader.TryParse(text, out var header) || header is null)
            return null;
        var session = _sessions.Find(header.Id);
        if (session is null || session.IsDisposed)
            return null;
        if (!session.ClientAddress.Equals(connection.RemoteAddress))
        {
            _logger.LogWarning("{Connection}: {Method} names session {Id} of {Owner}: refused (454)", connection.Name, request.Method, session.Id, session.ClientAddress);
            return null;
        }
        return session;
    }

    private void AddSession(RtspResponse response, RtspSession session, bool within = false)
    {
        if (within && _faults.Has(FaultKind.NoSessionHeader))
            return;
        response.Headers.Add(SessionHeader.Name, new SessionHeader(session.Id, TimeoutSeconds).ToString());
    }

    private RtspResponse NotFound(RtspRequest request)
    {
        _logger.LogInformation("404 for {Method} {Uri}", request.Method, request.Uri);
        return new RtspResponse(RtspStatus.NotFound);
    }

    private static RtspResponse MethodNotAllowed()
    {
        var response = new RtspResponse(RtspStatus.MethodNotAllowed);
        response.Headers.Add("Allow", string.Join(", ", PublicMethods));
        return response;
    }

    /// <summary>An error response whose body says why in plain text (a person reading a capture should not have to guess).</summary>
    private static RtspResponse Refuse(int status, string reason)
    {
        var response = new RtspResponse(status) { Body = Encoding.UTF8.GetBytes(reason + "\r\n") };
        response.Headers.Add("Content-Type", "text/plain");
        return response;
    }

    /// <summary>
    /// A server-wide resource is used up (not this client's fault): 503 with Retry-After (RFC 2326 12.31), since
    /// sessions end by TEARDOWN or timeout and a retry may then succeed, and one limit log line naming the option.
    /// </summary>
    private RtspResponse Busy(string option, string limit, RtspConnection connection, string action)
    {
        _limitLog.Reached(option, limit, connection.RemoteAddress.ToString(), action);
        return LimitResponse.Create(RtspStatus.ServiceUnavailable, $"{option} {limit} reached; try again later",
            retryAfter: _options.Limits.ConnectionRetryAfter);
    }

    private static string MismatchedCSeq(string cseq) =>
        long.TryParse(cseq.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long n)
            ? (n + 1).ToString(CultureInfo.InvariantCulture)
            : cseq + "1";
}
