using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rtsp.Protocol;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Faults;
using Rtsp.Server.Limits;

namespace Rtsp.Server.Connections;

/// <summary>
/// One client TCP connection: reads RTSP requests and interleaved frames (RFC 2326 10.12) with the core's
/// demultiplexer, answers in order, and owns the single writer every response and interleaved packet goes
/// through. What waits to be written, interleaved data and responses alike, is bounded
/// (<see cref="ServerOptions.MaxTcpQueueBytes"/>): a client that stops reading overflows its own queue and is dropped. Its limits
/// (<see cref="ServerLimits"/>): request size (the parser's), request rate, time to receive a request, idle time,
/// and the sessions and ports set up over it (<see cref="Quota"/>, applied by the handler's SETUP).
/// </summary>
public sealed class RtspConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly IRtspRequestHandler _handler;
    private readonly ILogger _logger;
    private readonly int _maxQueuedBytes;
    private readonly TimeSpan _idleTimeout;
    private readonly ServerLimits _limits;
    private readonly LimitLog _limitLog;
    private readonly RequestRateLimiter _rate;
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closed = new();
    private readonly CancellationTokenSource _abortWrites = new();
    private readonly HashSet<int> _channelsInUse = [];
    private readonly ConcurrentDictionary<int, Action<ReadOnlyMemory<byte>>> _rtcpReceivers = new();
    private long _queuedBytes;
    private Action? _afterResponse;
    private long _itemsRead;
    private int _disposed;

    public RtspConnection(Socket socket, IRtspRequestHandler handler, ILogger logger, int maxQueuedBytes, TimeSpan idleTimeout,
        ServerLimits limits, LimitLog limitLog)
    {
        _socket = socket;
        _handler = handler;
        _logger = logger;
        _maxQueuedBytes = maxQueuedBytes;
        _idleTimeout = idleTimeout;
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        RemoteAddress = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        Name = remote.ToString();
        var local = (IPEndPoint)socket.LocalEndPoint!;
        LocalAddress = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
        _limits = limits;
        _limitLog = limitLog;
        _rate = new RequestRateLimiter(limits.MaxRequestsPerSecond, Name, limitLog);
        Quota = new ConnectionQuota(limits.MaxSessionsPerConnection, limits.MaxRtpPortsPerConnection, Name, limitLog);
    }

    public IPAddress RemoteAddress { get; }

    public IPAddress LocalAddress { get; }

    public string Name { get; }

    /// <summary>Set when the server runs with --hostile: everything this connection writes goes through it.</summary>
    public HostileWriter? Hostile { get; init; }

    /// <summary>The sessions and server ports this connection's SETUPs may still take.</summary>
    public ConnectionQuota Quota { get; }

    public bool IsClosed => _closed.IsCancellationRequested;

    /// <summary>Signalled when the connection ends (client closed, error, overflow, server stop).</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Reads and answers until the client goes away, goes quiet for the idle timeout, or the server stops.</summary>
    public async Task RunAsync(CancellationToken serverStopping)
    {
        var writer = WriteLoop();
        try
        {
            await ReadLoop(serverStopping);
        }
        finally
        {
            Close();
            await writer;
            _handler.ConnectionClosed(this);
        }
    }

    /// <summary>Queues one '$'-framed packet; false when this client already has too much unread (it is then dropped).</summary>
    public bool TryQueueData(byte[] frame) => TryQueue(frame, isData: true);

    private bool TryQueue(byte[] bytes, bool isData)
    {
        if (IsClosed)
            return false;
        // Responses count too: a client that pipelines requests and reads no answers would otherwise grow this queue without end.
        if (Interlocked.Add(ref _queuedBytes, bytes.Length) > _maxQueuedBytes)
        {
            Interlocked.Add(ref _queuedBytes, -bytes.Length);
            _logger.LogWarning("{Connection}: TCP client not reading ({Bytes} bytes queued): dropping the connection and its sessions (--max-tcp-queue to change)", Name, _maxQueuedBytes);
            Close(TimeSpan.Zero);
            return false;
        }
        return _outgoing.Writer.TryWrite(new Outgoing(bytes, isData));
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the response being prepared is queued. PLAY starts streaming this way:
    /// over TCP the first interleaved packet must not overtake the PLAY reply (ffmpeg discards '$' data while it
    /// waits for a reply, which cost it the first frame).
    /// </summary>
    public void AfterResponse(Action action) => _afterResponse = action;

    public void Send(RtspResponse response) => TryQueue(response.ToBytes(), isData: false);

    /// <summary>
    /// Reserves an interleaved channel pair: the requested one when free, else the lowest free even pair.
    /// Returns the RTP channel, or -1 when none is left.
    /// </summary>
    public int ReserveChannels(int? requested)
    {
        lock (_channelsInUse)
        {
            if (requested is int wanted && wanted is >= 0 and < 255 && !_channelsInUse.Contains(wanted) && !_channelsInUse.Contains(wanted + 1))
            {
                _channelsInUse.Add(wanted);
                _channelsInUse.Add(wanted + 1);
                return wanted;
            }
            for (int channel = 0; channel < 255; channel += 2)
            {
                if (_channelsInUse.Contains(channel) || _channelsInUse.Contains(channel + 1))
                    continue;
                _channelsInUse.Add(channel);
                _channelsInUse.Add(channel + 1);
                return channel;
            }
            return -1;
        }
    }

    /// <summary>Hands the client's interleaved frames on <paramref name="channel"/> to <paramref name="receive"/> until <see cref="ReleaseChannels"/>.</summary>
    public void ReceiveOn(int channel, Action<ReadOnlyMemory<byte>> receive) => _rtcpReceivers[channel] = receive;

    public void ReleaseChannels(int rtpChannel)
    {
        _rtcpReceivers.TryRemove(rtpChannel + 1, out _);
        lock (_channelsInUse)
        {
            _channelsInUse.Remove(rtpChannel);
            _channelsInUse.Remove(rtpChannel + 1);
        }
    }

    /// <summary>Ends the connection; what is queued may still be written for <paramref name="linger"/> (default 2 s).</summary>
    public void Close(TimeSpan? linger = null)
    {
        try
        {
            if (!_closed.IsCancellationRequested)
                _closed.Cancel();
            _abortWrites.CancelAfter(linger ?? TimeSpan.FromSeconds(2));
        }
        catch (ObjectDisposedException)
        {
        }
        _outgoing.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Close();
        _socket.Dispose();
        await Task.Yield();
        _closed.Dispose();
        _abortWrites.Dispose();
        _rate.Dispose();
    }

    private async Task ReadLoop(CancellationToken serverStopping)
    {
        var buffer = new byte[64 * 1024];
        var demux = new InterleavedDemultiplexer(_limits.ParserLimits);
        var deadline = new RequestDeadline(_idleTimeout, _limits.RequestTimeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _closed.Token);
        while (!stop.IsCancellationRequested)
        {
            int read;
            var (wait, requestTooSlow) = deadline.NextWait();
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
            {
                idle.CancelAfter(wait);
                try
                {
                    read = await _socket.ReceiveAsync(buffer, SocketFlags.None, idle.Token);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    TimedOut(requestTooSlow, deadline);
                    return;
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
            if (read == 0)
                return;
            demux.Feed(buffer.AsSpan(0, read));
            long itemsBefore = _itemsRead;
            if (!Dispatch(demux))
                return;
            deadline.Parsed(demux.InProgress, _itemsRead > itemsBefore);
        }
    }

    private void TimedOut(bool requestTooSlow, RequestDeadline deadline)
    {
        if (!requestTooSlow)
        {
            _logger.LogInformation("{Connection}: idle for {Timeout}, closing ({Option} to change)", Name, _idleTimeout, ServerLimits.IdleTimeoutOption);
            return;
        }
        // Slowloris: a request still incomplete after the request timeout. 408 says why before the close.
        _limitLog.Reached(ServerLimits.RequestTimeoutOption, $"{deadline.RequestTimeout.TotalSeconds:0.###} s", Name,
            "request still incomplete: 408 and close");
        Send(LimitResponse.Create(RtspStatus.RequestTimeout, $"request not complete within {deadline.RequestTimeout.TotalSeconds:0.###} s"));
    }

    /// <summary>Handles every complete item; false when the stream is unreadable and the connection must end.</summary>
    private bool Dispatch(InterleavedDemultiplexer demux)
    {
        while (true)
        {
            InterleavedItem? item;
            try
            {
                if (!demux.TryReadNext(out item) || item is null)
                    return true;
                _itemsRead++;
            }
            catch (ProtocolFormatException ex)
            {
                // The byte stream cannot be resynchronised after a malformed message: answer and hang up.
                var parse = ex as RtspParseException;
                var refusal = parse switch
                {
                    null => new RtspResponse(RtspStatus.BadRequest),
                    // A Session header too long to read names no session this server gave out: 454, what clients
                    // handle (RFC 2326 12.37 "454 (Session Not Found) is returned if the session identifier is
                    // invalid"); the rest of the line is unread, so the connection still closes.
                    { Error: RtspParseError.HeaderLineTooLong, FieldName: var field } when SessionHeader.Name.Equals(field, StringComparison.OrdinalIgnoreCase)
                        => new RtspResponse(RtspStatus.SessionNotFound),
                    _ => new RtspResponse(parse.StatusCode, parse.ReasonPhrase),
                };
                if (parse?.CSeq is { } cseq)
                    refusal.Headers.Add("CSeq", cseq);
                if (parse is { Error: var error } && _limits.LimitFor(error) is { } limit)
                    _limitLog.Reached(limit.Option, limit.Value, Name, $"{error}: {refusal.StatusCode} and close");
                else
                    _logger.LogInformation("{Connection}: malformed request ({Reason}): {Status}", Name, ex.Message, refusal.StatusCode);
                Send(refusal);
                return false;
            }
            switch (item)
            {
                case RtspItem { Message: RtspRequest request }:
                    Send(_rate.Refuse(request) ?? _handler.Handle(request, this));
                    Interlocked.Exchange(ref _afterResponse, null)?.Invoke();
                    break;
                case InterleavedFrame frame:
                    // RTCP from the client, on the odd channel of a session's pair (RFC 2326 10.12); anything else
                    // is dropped. One lookup, so a client flooding tiny frames costs no more with 1000 sessions up.
                    if (_rtcpReceivers.TryGetValue(frame.Channel, out var receive))
                        receive(frame.Payload);
                    break;
                default:
                    // A response from the client (to nothing we asked): ignored.
                    break;
            }
        }
    }

    private async Task WriteLoop()
    {
        try
        {
            await foreach (var item in _outgoing.Reader.ReadAllAsync())
            {
                if (Hostile is { } hostile)
                {
                    if (!await hostile.WriteAsync(_socket, item.Bytes, item.IsData, _abortWrites.Token))
                    {
                        Close(TimeSpan.Zero);
                        break;
                    }
                }
                else
                {
                    await _socket.SendAsync(item.Bytes, SocketFlags.None, _abortWrites.Token);
                }
                Interlocked.Add(ref _queuedBytes, -item.Bytes.Length);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close(TimeSpan.Zero);
        }
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    private readonly record struct Outgoing(byte[] Bytes, bool IsData);
}
