using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Rtsp.Media;
using Rtsp.Server.Connections;
using Rtsp.Server.Faults;
using Rtsp.Server.Handling;
using Rtsp.Server.Limits;
using Rtsp.Server.Pacing;
using Rtsp.Server.Sessions;
using Rtsp.Server.Streaming;
using Rtsp.Server.Transport;

namespace Rtsp.Server;

/// <summary>
/// The reference RTSP server: accepts TCP connections, hands their requests to <see cref="RtspRequestHandler"/>,
/// streams through one <see cref="FramePacer"/>, expires idle sessions, and on dispose ends every session
/// with an RTCP BYE before closing connections. Connections beyond <see cref="ServerLimits.MaxConnections"/> in all
/// or <see cref="ServerLimits.MaxConnectionsPerAddress"/> from one address are answered 503 and closed.
/// </summary>
public sealed class RtspServer : IAsyncDisposable
{
    /// <summary>Linux's SOL_SOCKET and SO_REUSEADDR (asm-generic/socket.h).</summary>
    private const int SolSocket = 1, SoReuseAddr = 2;

    private readonly ServerOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SessionRegistry _sessions = new();
    private readonly ConcurrentDictionary<RtspConnection, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConnectionAdmission _admission;
    private readonly ConnectionRefusal _refusal;
    private readonly LimitLog _limitLog;
    private Socket? _listener;
    private MediaCatalog? _catalog;
    private RtspRequestHandler? _handler;
    private Timer? _reaper;
    private Task? _acceptLoop;
    private int _disposed;

    public RtspServer(ServerOptions options, ILoggerFactory loggers)
    {
        options.Validate();
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger("rtsp-ref.server");
        Pacer = new FramePacer(loggers.CreateLogger("rtsp-ref.pacer"));
        _admission = new ConnectionAdmission(options.Limits.MaxConnections, options.Limits.MaxConnectionsPerAddress);
        _refusal = new ConnectionRefusal(options.Limits.ParserLimits);
        _limitLog = new LimitLog(loggers.CreateLogger("rtsp-ref.limits"));
    }

    public FramePacer Pacer { get; }

    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>rtsp://address:port/ (127.0.0.1 when bound to every address).</summary>
    public string BaseUrl
    {
        get
        {
            var endPoint = EndPoint ?? throw new InvalidOperationException("not started");
            var address = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
                : endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : endPoint.Address;
            string host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            return $"rtsp://{host}:{endPoint.Port}/";
        }
    }

    public int SessionCount => _sessions.Count;

    /// <summary>Connections admitted and still open.</summary>
    public int ConnectionCount => _admission.Open;

    /// <summary>Generates the built-in media, binds the listening socket and starts accepting.</summary>
    public Task StartAsync(CancellationToken cancel = default)
    {
        var builtIns = MediaCatalog.CreateBuiltIns(_options.FrameRate).Concat(_options.LiveSources);
        _catalog = new MediaCatalog(_options.MediaRoot, _options.FrameRate, builtIns, _loggers.CreateLogger("rtsp-ref.media"), _options.Transcoder, _options.Codec);
        var payloads = new FramePayloadCache(_options.MaxPayload, _loggers.CreateLogger("rtsp-ref.media"), _options.Faults);
        var ports = new RtpPortAllocator(_options.Bind, _options.RtpPortLow, _options.RtpPortHigh);
        _handler = new RtspRequestHandler(_options, _catalog, _sessions, ports, Pacer, payloads, _loggers.CreateLogger("rtsp-ref.rtsp"), _limitLog);

        _listener = new Socket(_options.Bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // SO_REUSEADDR alone: a restarted server may bind while old connections sit in TIME_WAIT. Not
        // SocketOptionName.ReuseAddress: on Linux .NET sets SO_REUSEPORT with it, and a second server on the same
        // port then binds too and the kernel shares the incoming connections between the two processes.
        if (OperatingSystem.IsLinux())
            _listener.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        else
            _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(new IPEndPoint(_options.Bind, _options.Port));
        _listener.Listen(512);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _reaper = new Timer(_ => _handler.ExpireIdleSessions(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
        _acceptLoop = AcceptLoop();
        _logger.LogInformation("serving {Paths} at {Url} (faults: {Faults})", string.Join(", ", _catalog.Paths), BaseUrl, _options.Faults);
        cancel.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _logger.LogInformation("shutting down: ending {Count} sessions", _sessions.Count);
        await _stopping.CancelAsync();
        _listener?.Dispose();
        if (_reaper is not null)
            await _reaper.DisposeAsync();
        _handler?.EndAllSessions("server shutting down");
        if (_acceptLoop is not null)
            await _acceptLoop;
        foreach (var connection in _connections.Keys)
            connection.Close();
        await Task.WhenAll(_connections.Values).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        var departures = Pacer.Statistics.Snapshot();
        _logger.LogInformation("pacer: {Frames} frame deadlines served, departure error p50 {P50:0.0} us, p99 {P99:0} us, max {Max:0} us",
            departures.Frames, departures.P50Micros, departures.P99Micros, departures.MaxMicros);
        Pacer.Dispose();
        _catalog?.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener!.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _logger.LogWarning("accept failed: {Reason}", ex.Message);
                continue;
            }
            if (Admit(client) is not { } admission)
                continue;
            RtspConnection connection;
            try
            {
                client.NoDelay = true;
                connection = new RtspConnection(client, _handler!, _loggers.CreateLogger("rtsp-ref.connection"), _options.MaxTcpQueueBytes,
                    _options.IdleTimeout, _options.Limits, _limitLog)
                {
                    Hostile = _options.Faults.Hostile is { } hostile ? new HostileWriter(hostile) : null,
                };
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Reset between accept and here: nothing to serve.
                admission.Dispose();
                client.Dispose();
                continue;
            }
            _connections[connection] = Serve(connection, admission);
        }
    }

    /// <summary>The admission ticket of a new connection, or null when a connection limit refused it (answered 503 in the background).</summary>
    private IDisposable? Admit(Socket client)
    {
        IPEndPoint remote;
        try
        {
            remote = (IPEndPoint)client.RemoteEndPoint!;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            client.Dispose();
            return null;
        }
        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        var admission = _admission.TryAdmit(address, out var refusedBy);
        if (admission is not null)
            return admission;
        var retryAfter = _options.Limits.ConnectionRetryAfter;
        string scope = refusedBy.Option == ServerLimits.MaxConnectionsOption ? "connections open" : $"connections open from {address}";
        _limitLog.Reached(refusedBy.Option, refusedBy.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), remote.ToString(),
            $"connection answered 503, Retry-After {retryAfter.TotalSeconds:0} s, and closed");
        _refusal.Refuse(client, $"{refusedBy.Option} {refusedBy.Value} reached ({scope}); retry later", retryAfter, _stopping.Token);
        return null;
    }

    private async Task Serve(RtspConnection connection, IDisposable admission)
    {
        try
        {
            await connection.RunAsync(_stopping.Token);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{Connection}: failed", connection.Name);
        }
        finally
        {
            await connection.DisposeAsync();
            _connections.TryRemove(connection, out _);
            admission.Dispose();
        }
    }
}
