using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rtsp.Client.Auth;
using Rtsp.Client.Connection;
using Rtsp.Client.Media;
using Rtsp.Client.Rtcp;
using Rtsp.Client.Session;
using Rtsp.Client.Transport;
using Rtsp.Protocol;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;
using Rtsp.Protocol.Sdp;

namespace Rtsp.Client;

/// <summary>
/// One RTSP presentation played by this client (RFC 2326): <see cref="ConnectAsync"/> (OPTIONS, DESCRIBE, SETUP
/// of every JPEG video track), then <see cref="PlayAsync"/>, <see cref="PauseAsync"/>, <see cref="SeekAsync"/>
/// and <see cref="TeardownAsync"/>. Complete frames arrive on <see cref="FrameReceived"/>; state moves on
/// <see cref="StateChanged"/>; failures after a call returned (connection lost, keep-alive refused) on
/// <see cref="ErrorOccurred"/>. While playing, keep-alives go out before the session times out and RTCP receiver
/// reports every ~5 s. Control calls are serialised; events come from network threads.
/// </summary>
public sealed class RtspClientSession : IAsyncDisposable
{
    private readonly RtspClientOptions _options;
    private readonly ILogger _logger;
    private readonly RtspClientStateMachine _state = new();
    private readonly SemaphoreSlim _controlGate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<VideoTrackReceiver> _receivers = [];
    private readonly List<ITrackTransport> _transports = [];
    private readonly Dictionary<byte, (VideoTrackReceiver Receiver, bool IsRtcp)> _channels = [];
    private readonly RtcpReporter _rtcp;
    private RtspConnection? _connection;
    private RtspAuthenticator? _authenticator;
    private SessionHeader? _session;
    private IReadOnlySet<string> _serverMethods = new HashSet<string>();
    private Task? _keepAliveLoop;
    private Task? _monitorLoop;
    private long _playStartedTicks;
    private long _playedTicks;
    private double? _pendingStart;
    private double? _lastPosition;
    private int _ended;
    private bool _tearingDown;
    private int _closed;
    private long _packetsBeforePlay;

    public RtspClientSession(string url, RtspClientOptions? options = null, ILogger? logger = null)
    {
        Url = RtspUrl.Parse(url);
        _options = options ?? new RtspClientOptions();
        _logger = logger ?? NullLogger.Instance;
        _state.Changed += (_, change) =>
        {
            _logger.LogInformation("state {From} -> {To}: {Reason}", change.From, change.To, change.Reason);
            StateChanged?.Invoke(this, change);
        };
        _rtcp = new RtcpReporter();
    }

    public RtspUrl Url { get; }

    public RtspClientState State => _state.State;

    public event EventHandler<RtspClientStateChange>? StateChanged;

    public event EventHandler<VideoFrame>? FrameReceived;

    /// <summary>Failures outside a call: the connection dropped, a keep-alive was refused, a TEARDOWN unanswered.</summary>
    public event EventHandler<RtspClientException>? ErrorOccurred;

    /// <summary>The stream stopped on its own while playing (RTCP BYE, or no RTP for
    /// <see cref="RtspClientOptions.StreamIdleTimeout"/>); the argument says which. The state is then READY.</summary>
    public event EventHandler<string>? StreamEnded;

    public PresentationDescription? Presentation { get; private set; }

    /// <summary>The SDP text of the DESCRIBE answer.</summary>
    public string? SessionDescriptionText { get; private set; }

    public string? SessionId => _session?.Id;

    /// <summary>Transport in use after SETUP (UDP or TCP, never Auto).</summary>
    public RtpTransportMode? ActiveTransport => _transports.Count > 0 ? _transports[0].Mode : null;

    public IReadOnlyList<string> TransportDescriptions => _transports.Select(t => t.Description).ToList();

    /// <summary>Methods the server listed in Public (RFC 2326 §12.28) in answer to OPTIONS.</summary>
    public IReadOnlySet<string> ServerMethods => _serverMethods;

    public RtspClientException? LastError { get; private set; }

    /// <summary>Set when TEARDOWN was not answered as it should have been; the client closed its side anyway.</summary>
    public string? TeardownWarning { get; private set; }

    /// <summary>Keep-alive requests sent (GET_PARAMETER or OPTIONS with the session).</summary>
    public int KeepAlivesSent { get; private set; }

    public int ReceiverReportsSent => _rtcp.ReportsSent;

    /// <summary>Position in seconds of the last frame shown (or where a seek while paused will start).</summary>
    public double? Position => _pendingStart ?? _lastPosition;

    public double? Duration => Presentation?.Duration;

    public bool IsSeekable => Presentation is { IsLive: false };

    /// <summary>Connects and sets up: OPTIONS, DESCRIBE, SETUP of every JPEG video track. INIT -> READY.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _controlGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _state.Require("SETUP", RtspClientState.Init);
            await Fail(async () =>
            {
                await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await OptionsAsync(cancellationToken).ConfigureAwait(false);
                await DescribeAsync(cancellationToken).ConfigureAwait(false);
                var mode = _options.Transport == RtpTransportMode.Tcp ? RtpTransportMode.Tcp : RtpTransportMode.Udp;
                await SetupTracksAsync(mode, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            MoveAfterAnswer(RtspClientState.Ready, $"SETUP answered ({TransportDescriptions[0]})");
            _keepAliveLoop = Task.Run(() => KeepAliveLoopAsync(_lifetime.Token));
            _monitorLoop = Task.Run(() => MonitorLoopAsync(_lifetime.Token));
        }
        finally
        {
            _controlGate.Release();
        }
    }

    /// <summary>PLAY from <paramref name="from"/> seconds (null = from where it paused, or the start). READY -> PLAYING.
    /// With <see cref="RtpTransportMode.Auto"/> and no packet over UDP in time, sets up again over TCP.</summary>
    public async Task PlayAsync(double? from = null, CancellationToken cancellationToken = default)
    {
        await _controlGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _state.Require("PLAY", RtspClientState.Ready);
            var start = from ?? _pendingStart ?? (Interlocked.CompareExchange(ref _ended, 0, 1) == 1 && IsSeekable ? 0 : null);
            await Fail(() => SendPlayAsync(start, cancellationToken)).ConfigureAwait(false);
            if (_options.Transport == RtpTransportMode.Auto && ActiveTransport == RtpTransportMode.Udp
                && !await FirstPacketArrivedAsync(_options.UdpFallbackTimeout, cancellationToken).ConfigureAwait(false))
            {
                await Fail(() => FallBackToTcpAsync(start, cancellationToken)).ConfigureAwait(false);
            }
        }
        finally
        {
            _controlGate.Release();
        }
    }

    /// <summary>PAUSE. PLAYING -> READY.</summary>
    public async Task PauseAsync(CancellationToken cancellationToken = default)
    {
        await _controlGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _state.Require("PAUSE", RtspClientState.Playing);
            await Fail(() => SendPauseAsync(cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            _controlGate.Release();
        }
    }

    /// <summary>
    /// Moves to <paramref name="position"/> seconds of an on-demand stream. While playing: PAUSE, then PLAY with
    /// <c>Range: npt=position-</c> (RFC 2326 §10.5; every server understands this pair, not every one a PLAY while
    /// playing). While paused: remembered, and the next PLAY starts there.
    /// </summary>
    public async Task SeekAsync(double position, CancellationToken cancellationToken = default)
    {
        await _controlGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _state.Require("Seek", RtspClientState.Ready, RtspClientState.Playing);
            if (!IsSeekable)
            {
                throw new InvalidOperationException("This stream is live (its SDP has no closed npt range): it cannot seek.");
            }

            position = Math.Clamp(position, 0, Duration!.Value);
            if (State == RtspClientState.Ready)
            {
                _pendingStart = position;
                return;
            }

            await Fail(async () =>
            {
                await SendPauseAsync(cancellationToken).ConfigureAwait(false);
                await SendPlayAsync(position, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        finally
        {
            _controlGate.Release();
        }
    }

    /// <summary>
    /// TEARDOWN, then closes the connection and the UDP ports whether or not the server answered in
    /// <see cref="RtspClientOptions.TeardownTimeout"/> (a server that ignores TEARDOWN must not hang the client;
    /// <see cref="TeardownWarning"/> says what happened). Any state -> FINISHED. True when the server answered 2xx.
    /// </summary>
    public async Task<bool> TeardownAsync(CancellationToken cancellationToken = default)
    {
        await _controlGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (State == RtspClientState.Finished)
            {
                return false;
            }

            var answered = false;
            _tearingDown = true;
            if (_session is not null && _connection is { IsOpen: true } && Presentation is not null)
            {
                try
                {
                    var response = await ExchangeAsync(RtspMethods.Teardown, Presentation.AggregateControlUrl, null, _options.TeardownTimeout, cancellationToken).ConfigureAwait(false);
                    answered = response.IsSuccess;
                    if (!answered)
                    {
                        TeardownWarning = $"TEARDOWN was answered {response.StatusCode} {response.ReasonPhrase}; closed the connection anyway.";
                    }
                }
                catch (RtspClientException e)
                {
                    TeardownWarning = $"{e.Message} Closed the connection anyway.";
                }
            }

            if (TeardownWarning is not null)
            {
                _logger.LogWarning("{Warning}", TeardownWarning);
            }

            await CloseAsync().ConfigureAwait(false);
            _state.TryMoveTo(RtspClientState.Finished, answered ? "TEARDOWN answered" : TeardownWarning ?? "closed");
            return answered;
        }
        finally
        {
            _controlGate.Release();
        }
    }

    public ClientStatistics GetStatistics()
    {
        var playing = _playedTicks + (State == RtspClientState.Playing && _playStartedTicks != 0 ? Stopwatch.GetTimestamp() - _playStartedTicks : 0);
        return new ClientStatistics(_receivers.Select(r => r.GetStatistics()).ToList(), TimeSpan.FromSeconds(playing / (double)Stopwatch.Frequency));
    }

    private async Task OpenConnectionAsync(CancellationToken cancellationToken)
    {
        _connection = await RtspConnection.ConnectAsync(Url.Host, Url.Port, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        _connection.InterleavedFrameReceived += OnInterleaved;
        _connection.Closed += reason =>
        {
            if (!_tearingDown && reason is RtspClientException error)
            {
                Report(error);
            }
        };
        _authenticator = new RtspAuthenticator(Url.UserName, Url.Password);
    }

    private async Task OptionsAsync(CancellationToken cancellationToken)
    {
        // OPTIONS is optional for a server (RFC 2326 §10.1 only says SHOULD): a refusal is noted, not fatal.
        var response = await ExchangeAsync(RtspMethods.Options, Url.RequestUrl, null, _options.ResponseTimeout, cancellationToken, requireSuccess: false).ConfigureAwait(false);
        if (response.IsSuccess && response.Headers.Get("Public") is { } publicHeader && PublicHeader.TryParse(publicHeader, out var methods) && methods is not null)
        {
            _serverMethods = new HashSet<string>(methods.Methods, StringComparer.OrdinalIgnoreCase);
        }
    }

    private async Task DescribeAsync(CancellationToken cancellationToken)
    {
        var response = await ExchangeAsync(RtspMethods.Describe, Url.RequestUrl, r => r.Headers.Set("Accept", "application/sdp"), _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        if (response.Body.Length == 0)
        {
            throw new RtspServerBehaviourException("DESCRIBE was answered without a body (no SDP).");
        }

        SessionDescriptionText = Encoding.UTF8.GetString(response.Body);
        SessionDescription sdp;
        try
        {
            sdp = SessionDescription.Parse(SessionDescriptionText);
        }
        catch (ProtocolFormatException e)
        {
            throw new RtspServerBehaviourException($"DESCRIBE answered an SDP that does not parse: {e.Message}", e);
        }

        var baseUrl = PresentationDescription.BaseUrl(Url.RequestUrl, response.Headers.Get("Content-Base"), response.Headers.Get("Content-Location"));
        try
        {
            Presentation = PresentationDescription.From(sdp, baseUrl);
        }
        catch (ProtocolFormatException e)
        {
            throw new RtspServerBehaviourException($"The SDP cannot be used: {e.Message}", e);
        }

        if (Presentation.Tracks.Count == 0)
        {
            throw new RtspClientException($"The stream has no JPEG video track to play (found: {string.Join(", ", Presentation.SkippedMedia)}).");
        }
    }

    private async Task SetupTracksAsync(RtpTransportMode mode, CancellationToken cancellationToken)
    {
        foreach (var track in Presentation!.Tracks)
        {
            var receiver = _receivers.Count > track.Index ? _receivers[track.Index] : AddReceiver(track);
            var transport = mode == RtpTransportMode.Udp
                ? await SetupUdpAsync(track, receiver, cancellationToken).ConfigureAwait(false)
                : null;
            if (transport is null)
            {
                if (mode == RtpTransportMode.Udp && _options.Transport != RtpTransportMode.Auto)
                {
                    throw new RtspClientException($"SETUP of {track.ControlUrl} over UDP was refused (461 Unsupported Transport); try --transport tcp.");
                }

                transport = await SetupInterleavedAsync(track, receiver, cancellationToken).ConfigureAwait(false);
            }

            _transports.Add(transport);
        }
    }

    private VideoTrackReceiver AddReceiver(VideoTrack track)
    {
        var receiver = new VideoTrackReceiver(track, _options.ReorderCapacity);
        receiver.FrameReady += frame =>
        {
            if (frame.Position is { } position)
            {
                _lastPosition = position;
            }

            FrameReceived?.Invoke(this, frame);
        };
        _receivers.Add(receiver);
        return receiver;
    }

    // Returns null when the server answers 461 Unsupported Transport (the caller may fall back to TCP).
    private async Task<ITrackTransport?> SetupUdpAsync(VideoTrack track, VideoTrackReceiver receiver, CancellationToken cancellationToken)
    {
        UdpPortPair ports;
        try
        {
            ports = UdpPortPair.Allocate(_connection!.LocalEndPoint.Address);
        }
        catch (SocketException e)
        {
            throw new RtspClientException($"No free UDP port pair on {_connection!.LocalEndPoint.Address}: {e.Message}; try --transport tcp.", e);
        }

        try
        {
            var requested = $"RTP/AVP;unicast;client_port={ports.RtpPort}-{ports.RtcpPort}";
            var response = await SetupAsync(track, requested, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                ports.Dispose();
                return null;
            }

            var spec = AnsweredTransport(response, track);
            if (spec.LowerTransport != LowerTransport.Udp)
            {
                throw new RtspServerBehaviourException($"SETUP asked for UDP but the server answered Transport: {response.Headers.Get("Transport")}.");
            }

            var serverAddress = spec.Source is { } source && IPAddress.TryParse(source, out var parsed) ? parsed : _connection.RemoteEndPoint.Address;
            var serverRtp = spec.ServerPort?.Low;
            var serverRtcp = spec.ServerPort is { } range ? range.High ?? range.Low + 1 : (int?)null;
            return new UdpTrackTransport(ports, serverAddress, serverRtp, serverRtcp,
                receiver.OnRtp, data => OnRtcp(data));
        }
        catch
        {
            ports.Dispose();
            throw;
        }
    }

    private async Task<ITrackTransport> SetupInterleavedAsync(VideoTrack track, VideoTrackReceiver receiver, CancellationToken cancellationToken)
    {
        var rtpChannel = track.Index * 2;
        var requested = $"RTP/AVP/TCP;unicast;interleaved={rtpChannel}-{rtpChannel + 1}";
        var response = await SetupAsync(track, requested, cancellationToken).ConfigureAwait(false)
            ?? throw new RtspClientException($"SETUP of {track.ControlUrl} was refused over UDP and over TCP (461 Unsupported Transport).");
        var spec = AnsweredTransport(response, track);
        // The server may pick other channels (RFC 2326 §12.39 interleaved); its answer rules.
        var channels = spec.Interleaved ?? new ChannelRange(rtpChannel, rtpChannel + 1);
        var rtp = (byte)channels.Low;
        var rtcp = (byte)(channels.High ?? channels.Low + 1);
        _channels[rtp] = (receiver, false);
        _channels[rtcp] = (receiver, true);
        return new InterleavedTrackTransport(_connection!, rtp, rtcp);
    }

    private async Task<RtspResponse?> SetupAsync(VideoTrack track, string transport, CancellationToken cancellationToken)
    {
        var response = await ExchangeAsync(RtspMethods.Setup, track.ControlUrl, r => r.Headers.Set("Transport", transport),
            _options.ResponseTimeout, cancellationToken, requireSuccess: false).ConfigureAwait(false);
        if (response.StatusCode == 461)
        {
            return null;
        }

        ThrowUnlessSuccess(RtspMethods.Setup, response);
        var sessionText = response.Headers.Get("Session")
            ?? throw new RtspServerBehaviourException($"SETUP of {track.ControlUrl} was answered {response.StatusCode} without a Session header (RFC 2326 §12.37).");
        if (!SessionHeader.TryParse(sessionText, out var session) || session is null)
        {
            throw new RtspServerBehaviourException($"SETUP was answered with a Session header that does not parse: '{sessionText}'.");
        }

        if (_session is not null && _session.Id != session.Id)
        {
            throw new RtspServerBehaviourException($"The second SETUP of one presentation was answered with another session ({session.Id} after {_session.Id}); this client needs aggregate control.");
        }

        _session = session;
        return response;
    }

    private static TransportSpec AnsweredTransport(RtspResponse response, VideoTrack track)
    {
        var text = response.Headers.Get("Transport")
            ?? throw new RtspServerBehaviourException($"SETUP of {track.ControlUrl} was answered without a Transport header (RFC 2326 §12.39 requires it).");
        if (!TransportHeader.TryParse(text, out var header) || header is null || header.Specs.Count == 0)
        {
            throw new RtspServerBehaviourException($"SETUP was answered with a Transport header that does not parse: '{text}'.");
        }

        return header.Specs[0];
    }

    private async Task SendPlayAsync(double? start, CancellationToken cancellationToken)
    {
        _packetsBeforePlay = _receivers.Sum(r => r.PacketsReceived);
        foreach (var receiver in _receivers)
        {
            receiver.BeginPlay();
        }

        RtspResponse? response = null;
        try
        {
            response = await ExchangeAsync(RtspMethods.Play, Presentation!.AggregateControlUrl, r =>
            {
                if (start is { } s)
                {
                    r.Headers.Set("Range", RangeHeader.Npt(s, null).ToString());
                }
            }, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            AnchorReceivers(response, start);
        }

        _pendingStart = null;
        if (start is { } position)
        {
            _lastPosition = position;
        }

        Interlocked.Exchange(ref _ended, 0);
        _playStartedTicks = Stopwatch.GetTimestamp();
        MoveAfterAnswer(RtspClientState.Playing, start is { } at ? $"PLAY from {at.ToString("0.###", CultureInfo.InvariantCulture)} s answered" : "PLAY answered");
    }

    // Positions after PLAY: the answer's Range start (else the requested one) is the npt of the RTP-Info rtptime
    // (else of the first frame). A plain resume with neither keeps the old anchor, which still holds.
    private void AnchorReceivers(RtspResponse? response, double? requestedStart)
    {
        var answeredStart = response?.Headers.Get("Range") is { } rangeText && RangeHeader.TryParse(rangeText, out var range)
            && range is { Unit: RangeUnit.Npt, Start: { IsNow: false } rangeStart }
            ? rangeStart.Seconds
            : (double?)null;
        var rtpInfo = response?.Headers.Get("RTP-Info") is { } infoText && RtpInfoHeader.TryParse(infoText, out var info) ? info : null;
        foreach (var receiver in _receivers)
        {
            var entry = rtpInfo?.Entries.FirstOrDefault(e => SameControl(e.Url, receiver.Track.ControlUrl))
                ?? (rtpInfo is { Entries.Count: 1 } && _receivers.Count == 1 ? rtpInfo.Entries[0] : null);
            var anchored = response is not null && (answeredStart is not null || requestedStart is not null || _lastPosition is null);
            receiver.CompletePlay(anchored ? answeredStart ?? requestedStart ?? 0 : null, anchored ? entry?.RtpTime : null);
        }
    }

    private async Task SendPauseAsync(CancellationToken cancellationToken)
    {
        await ExchangeAsync(RtspMethods.Pause, Presentation!.AggregateControlUrl, null, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        StopPlayClock();
        MoveAfterAnswer(RtspClientState.Ready, "PAUSE answered");
    }

    private async Task FallBackToTcpAsync(double? start, CancellationToken cancellationToken)
    {
        _logger.LogWarning("no RTP over UDP within {Seconds} s; setting up again over TCP interleaved", _options.UdpFallbackTimeout.TotalSeconds);
        try
        {
            await ExchangeAsync(RtspMethods.Teardown, Presentation!.AggregateControlUrl, null, _options.TeardownTimeout, cancellationToken, requireSuccess: false).ConfigureAwait(false);
        }
        catch (RtspClientException e)
        {
            _logger.LogWarning("TEARDOWN of the UDP session: {Error}", e.Message);
        }

        foreach (var transport in _transports)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }

        _transports.Clear();
        _session = null;
        StopPlayClock();
        MoveAfterAnswer(RtspClientState.Ready, "no RTP over UDP: set up again over TCP");
        await SetupTracksAsync(RtpTransportMode.Tcp, cancellationToken).ConfigureAwait(false);
        await SendPlayAsync(start, cancellationToken).ConfigureAwait(false);
        if (!await FirstPacketArrivedAsync(_options.UdpFallbackTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new RtspTimeoutException($"PLAY was answered but no RTP arrived within {_options.UdpFallbackTimeout.TotalSeconds:0.#} s over UDP or over TCP.");
        }
    }

    // Counted from before PLAY was sent: servers may start sending before their answer arrives.
    private async Task<bool> FirstPacketArrivedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var before = _packetsBeforePlay;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_receivers.Sum(r => r.PacketsReceived) > before || State != RtspClientState.Playing)
            {
                return true;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private async Task<RtspResponse> ExchangeAsync(string method, string uri, Action<RtspRequest>? configure, TimeSpan timeout,
        CancellationToken cancellationToken, bool requireSuccess = true)
    {
        var connection = _connection ?? throw new InvalidOperationException("Not connected.");
        var sender = new AuthRetryingSender(_authenticator!, (request, ct) => connection.SendAsync(request, timeout, ct));
        var response = await sender.SendAsync(() =>
        {
            var request = new RtspRequest(method, uri);
            request.Headers.Set("User-Agent", _options.UserAgent);
            if (_session is not null)
            {
                request.Headers.Set("Session", _session.Id);
            }

            configure?.Invoke(request);
            return request;
        }, cancellationToken).ConfigureAwait(false);
        if (requireSuccess)
        {
            ThrowUnlessSuccess(method, response);
        }

        return response;
    }

    private void ThrowUnlessSuccess(string method, RtspResponse response)
    {
        if (response.IsSuccess)
        {
            return;
        }

        if (response.StatusCode == 401)
        {
            throw new RtspClientException(Url.HasCredentials
                ? $"{method} was answered 401 {response.ReasonPhrase} even with the credentials for user '{Url.UserName}': they are wrong, or the server wants a scheme other than Basic or Digest."
                : $"{method} was answered 401 {response.ReasonPhrase}: the server wants credentials; put them in the URL (rtsp://user:password@host/...).");
        }

        throw new RtspStatusException(method, response.StatusCode, response.ReasonPhrase);
    }

    private string KeepAliveMethod => _serverMethods.Contains(RtspMethods.GetParameter) ? RtspMethods.GetParameter : RtspMethods.Options;

    // RFC 2326 §12.37: the session times out after 60 s (or the announced timeout) without a request; keep-alives
    // go at half of it. GET_PARAMETER with no body is the RFC's own suggestion (§10.8); OPTIONS when not listed.
    private async Task KeepAliveLoopAsync(CancellationToken cancellationToken)
    {
        var interval = _options.KeepAliveInterval ?? TimeSpan.FromSeconds(Math.Max(1, (_session?.TimeoutSeconds ?? 60) / 2.0));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                if (!await _controlGate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
                {
                    continue; // a control request is in flight: that one keeps the session alive
                }

                try
                {
                    if (State is RtspClientState.Ready or RtspClientState.Playing)
                    {
                        var uri = KeepAliveMethod == RtspMethods.GetParameter ? Presentation!.AggregateControlUrl : Url.RequestUrl;
                        await ExchangeAsync(KeepAliveMethod, uri, null, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
                        KeepAlivesSent++;
                    }
                }
                finally
                {
                    _controlGate.Release();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RtspClientException e)
            {
                Report(new RtspClientException($"Keep-alive {KeepAliveMethod} failed: {e.Message}", e));
            }
        }
    }

    // Watches the stream while playing: RTCP receiver reports on their period, and the end of the stream.
    private async Task MonitorLoopAsync(CancellationToken cancellationToken)
    {
        var nextReport = Stopwatch.GetTimestamp() + _rtcp.NextInterval(_options.ReceiverReportInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            if (now >= nextReport)
            {
                nextReport = now + _rtcp.NextInterval(_options.ReceiverReportInterval);
                await SendReceiverReportsAsync(cancellationToken).ConfigureAwait(false);
            }

            if (State != RtspClientState.Playing)
            {
                continue;
            }

            var idle = _options.StreamIdleTimeout.TotalSeconds * Stopwatch.Frequency;
            var firstPacket = _options.FirstPacketTimeout.TotalSeconds * Stopwatch.Frequency;
            var last = _receivers.Count == 0 ? 0 : _receivers.Max(r => r.LastArrivalTicks);
            var reference = Math.Max(last, _playStartedTicks);
            if (_rtcp.ByeReceived)
            {
                _rtcp.ClearBye();
                EndStream("the server sent RTCP BYE");
            }
            else if (_playStartedTicks != 0 && now - _playStartedTicks > firstPacket && _receivers.Sum(r => r.PacketsReceived) == _packetsBeforePlay)
            {
                NoMediaAfterPlay();
            }
            else if (last != 0 && now - reference > idle)
            {
                EndStream($"no RTP for {_options.StreamIdleTimeout.TotalSeconds:0.#} s");
            }
        }
    }

    // Not an end of stream: the stream never began. A server that answers PLAY 200 and stays silent (or media
    // the network drops) must not leave a player waiting for ever.
    private void NoMediaAfterPlay()
    {
        var error = new RtspTimeoutException(string.Create(CultureInfo.InvariantCulture,
            $"No RTP within {_options.FirstPacketTimeout.TotalSeconds:0.#} s after PLAY was answered 200 ({TransportDescriptions.FirstOrDefault() ?? "no transport"})."));
        StopPlayClock();
        if (_state.TryMoveTo(RtspClientState.Ready, error.Message))
        {
            Report(error);
        }
    }

    // The server may break the connection right after its answer: the reader then finishes the session (Report)
    // while the call that got the answer is still returning. The call must then fail with what the server did,
    // not with an impossible state change.
    private void MoveAfterAnswer(RtspClientState to, string reason)
    {
        if (_state.TryMoveTo(to, reason))
        {
            return;
        }

        if (State != RtspClientState.Finished)
        {
            _state.MoveTo(to, reason); // not a race: a caller bug, which MoveTo names
        }

        throw LastError is { } cause
            ? new RtspClientException(cause.Message, cause)
            : new RtspClientException($"The session ended before it could move to {to} ({reason}).");
    }

    private void EndStream(string reason)
    {
        foreach (var receiver in _receivers)
        {
            receiver.Flush();
        }

        StopPlayClock();
        if (_state.TryMoveTo(RtspClientState.Ready, $"stream ended: {reason}"))
        {
            Interlocked.Exchange(ref _ended, 1);
            StreamEnded?.Invoke(this, reason);
        }
    }

    private async Task SendReceiverReportsAsync(CancellationToken cancellationToken)
    {
        // Snapshots: a fallback to TCP replaces the transports while this runs.
        var transports = _transports.ToArray();
        var receivers = _receivers.ToArray();
        for (var i = 0; i < transports.Length && i < receivers.Length; i++)
        {
            if (receivers[i].TakeReceptionReport() is not { } report)
            {
                continue;
            }

            try
            {
                await transports[i].SendRtcpAsync(_rtcp.BuildReceiverReport(report), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RtspClientException or OperationCanceledException or ObjectDisposedException)
            {
                _logger.LogDebug("receiver report not sent: {Error}", e.Message);
            }
        }
    }

    private void OnInterleaved(byte channel, byte[] payload)
    {
        if (!_channels.TryGetValue(channel, out var route))
        {
            return;
        }

        if (route.IsRtcp)
        {
            OnRtcp(payload);
        }
        else
        {
            route.Receiver.OnRtp(payload, Stopwatch.GetTimestamp());
        }
    }

    private void OnRtcp(ReadOnlyMemory<byte> data) => _rtcp.OnIncoming(data.Span);

    private void StopPlayClock()
    {
        if (_playStartedTicks != 0)
        {
            _playedTicks += Stopwatch.GetTimestamp() - _playStartedTicks;
            _playStartedTicks = 0;
        }
    }

    private static bool SameControl(string rtpInfoUrl, string controlUrl)
        => string.Equals(rtpInfoUrl.TrimEnd('/'), controlUrl.TrimEnd('/'), StringComparison.Ordinal)
           || controlUrl.EndsWith("/" + rtpInfoUrl.TrimStart('/'), StringComparison.Ordinal);

    private async Task Fail(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (RtspClientException e)
        {
            LastError = e;
            if (e is RtspServerBehaviourException || _connection is not { IsOpen: true })
            {
                // The server broke the protocol or the connection: nothing sensible can follow on it.
                _tearingDown = true;
                await CloseAsync().ConfigureAwait(false);
                _state.TryMoveTo(RtspClientState.Finished, e.Message);
            }

            throw;
        }
    }

    private void Report(RtspClientException error)
    {
        LastError = error;
        _logger.LogError("{Error}", error.Message);
        ErrorOccurred?.Invoke(this, error);
        if (_connection is { IsOpen: false } && State != RtspClientState.Finished)
        {
            _ = Task.Run(async () =>
            {
                await CloseAsync().ConfigureAwait(false);
                _state.TryMoveTo(RtspClientState.Finished, error.Message);
            });
        }
    }

    private async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        StopPlayClock();
        await _lifetime.CancelAsync().ConfigureAwait(false);
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Tears the session down (bounded by the TEARDOWN timeout) and releases everything.</summary>
    public async ValueTask DisposeAsync()
    {
        await TeardownAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var loop in new[] { _keepAliveLoop, _monitorLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(false);
            }
        }

        _lifetime.Dispose();
        _controlGate.Dispose();
    }
}
