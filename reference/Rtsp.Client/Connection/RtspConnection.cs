using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Client.Connection;

/// <summary>
/// One RTSP control connection (RFC 2326 §10): one request outstanding at a time, each answered within a timeout
/// and checked to carry the CSeq it was sent with (§12.17). A background loop reads the stream; '$'-framed data
/// interleaved on it (§10.12) goes to <see cref="InterleavedFrameReceived"/>. When the server closes the stream
/// or sends bytes that do not parse, the waiting request fails with an error saying so, and
/// <see cref="Closed"/> is raised once.
/// </summary>
public sealed class RtspConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _requestGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _readLoop;
    private readonly InterleavedDemultiplexer _demultiplexer = new(RtspParserLimits.Default);
    private long _bytesSinceRequest;
    private TaskCompletionSource<RtspResponse>? _pending;
    private int _nextCSeq = 1;
    private Exception? _closedReason;
    private int _closedRaised;

    private RtspConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        LocalEndPoint = Unmapped((IPEndPoint)tcp.Client.LocalEndPoint!);
        RemoteEndPoint = Unmapped((IPEndPoint)tcp.Client.RemoteEndPoint!);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>A '$' frame arrived: channel and payload (RTP or RTCP, by the channels SETUP agreed).</summary>
    public event Action<byte, byte[]>? InterleavedFrameReceived;

    /// <summary>The connection ended (server closed it, malformed input, or <see cref="DisposeAsync"/>).</summary>
    public event Action<Exception>? Closed;

    public IPEndPoint LocalEndPoint { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public bool IsOpen => _closedReason is null;

    /// <summary>Requests the server sent us (RFC 2326 allows server-to-client OPTIONS, ANNOUNCE, ...); each was
    /// answered 501 Not Implemented.</summary>
    public int ServerRequests { get; private set; }

    public static async Task<RtspConnection> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await tcp.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tcp.Dispose();
            throw new RtspTimeoutException($"Could not connect to {host}:{port} within {Seconds(timeout)} s.");
        }
        catch (SocketException e)
        {
            tcp.Dispose();
            throw new RtspClientException($"Could not connect to {host}:{port}: {e.Message} ({e.SocketErrorCode}). Is the server running?", e);
        }

        return new RtspConnection(tcp);
    }

    /// <summary>
    /// Sends <paramref name="request"/> with the next CSeq and waits for its response. Throws
    /// <see cref="RtspTimeoutException"/> after <paramref name="timeout"/>, <see cref="RtspServerBehaviourException"/>
    /// when the answer's CSeq is missing or different, or the connection closed or broke.
    /// </summary>
    public async Task<RtspResponse> SendAsync(RtspRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _requestGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed(request.Method);
            var cseq = _nextCSeq++;
            request.CSeq = cseq;
            var pending = new TaskCompletionSource<RtspResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _pending, pending);
            Interlocked.Exchange(ref _bytesSinceRequest, 0);
            await WriteAsync(request.ToBytes(), cancellationToken).ConfigureAwait(false);

            RtspResponse response;
            try
            {
                response = await pending.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new RtspTimeoutException($"{request.Method} (CSeq {cseq}) got no answer within {Seconds(timeout)} s{WhatArrived(timeout)}.");
            }

            var answered = response.Headers.Get("CSeq");
            if (answered is null)
            {
                throw new RtspServerBehaviourException(
                    $"The server answered {request.Method} (CSeq {cseq}) without a CSeq header (RFC 2326 §12.17 requires it).");
            }

            if (response.CSeq != cseq)
            {
                throw new RtspServerBehaviourException($"CSeq mismatch: sent {cseq}, server answered {answered.Trim()} (to {request.Method}).");
            }

            return response;
        }
        finally
        {
            Volatile.Write(ref _pending, null);
            _requestGate.Release();
        }
    }

    /// <summary>Writes one '$' frame (RTCP receiver reports over TCP interleaved).</summary>
    public Task SendInterleavedAsync(byte channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        => WriteAsync(InterleavedFrame.Encode(channel, payload.Span), cancellationToken);

    private async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new RtspServerBehaviourException($"Could not write to the server: {e.Message}", e);
        }
        catch (ObjectDisposedException e)
        {
            throw new RtspClientException("The RTSP connection is closed.", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var demultiplexer = _demultiplexer;
        var buffer = new byte[64 * 1024];
        Exception reason;
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    reason = new RtspServerBehaviourException(ServerStreamError.Closed(demultiplexer));
                    break;
                }

                Interlocked.Add(ref _bytesSinceRequest, read);

                demultiplexer.Feed(buffer.AsSpan(0, read));
                while (demultiplexer.TryReadNext(out var item) && item is not null)
                {
                    await DispatchAsync(item).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            reason = new RtspClientException("The RTSP connection was closed by the client.");
        }
        catch (ObjectDisposedException)
        {
            reason = new RtspClientException("The RTSP connection was closed by the client.");
        }
        catch (RtspParseException e)
        {
            reason = new RtspServerBehaviourException(ServerStreamError.Describe(e, RtspParserLimits.Default), e);
        }
        catch (ProtocolFormatException e)
        {
            reason = new RtspServerBehaviourException($"The server sent bytes that are not RTSP: {e.Message}", e);
        }
        catch (IOException e)
        {
            reason = new RtspServerBehaviourException($"The RTSP connection broke: {e.Message}", e);
        }

        Close(reason);
    }

    private async Task DispatchAsync(InterleavedItem item)
    {
        switch (item)
        {
            case InterleavedFrame frame:
                InterleavedFrameReceived?.Invoke(frame.Channel, frame.Payload);
                break;
            case RtspItem { Message: RtspResponse response }:
                // A response nobody waits for is the late answer to a request that timed out: dropped.
                Volatile.Read(ref _pending)?.TrySetResult(response);
                break;
            case RtspItem { Message: RtspRequest request }:
                ServerRequests++;
                var answer = new RtspResponse(501);
                answer.Headers.Set("CSeq", request.Headers.Get("CSeq") ?? "0");
                await WriteAsync(answer.ToBytes(), _stop.Token).ConfigureAwait(false);
                break;
        }
    }

    // A server that drips its answer (or starts one and stalls) is told apart from one that never answered.
    private string WhatArrived(TimeSpan timeout)
    {
        var bytes = Interlocked.Read(ref _bytesSinceRequest);
        if (bytes == 0)
        {
            return string.Empty;
        }

        var partial = _demultiplexer.HasPartialMessage ? ", a response among them still incomplete" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $" (the server sent {bytes} bytes in {Seconds(timeout)} s{partial})");
    }

    private void Close(Exception reason)
    {
        _closedReason ??= reason;
        Volatile.Read(ref _pending)?.TrySetException(_closedReason);
        if (Interlocked.Exchange(ref _closedRaised, 1) == 0)
        {
            Closed?.Invoke(_closedReason);
        }
    }

    private void ThrowIfClosed(string method)
    {
        if (_closedReason is { } reason)
        {
            throw new RtspClientException($"Cannot send {method}: {reason.Message}", reason);
        }
    }

    // TcpClient uses a dual-mode IPv6 socket: an IPv4 peer shows as ::ffff:a.b.c.d, which UDP sockets and
    // address comparisons must see as the plain IPv4 address.
    private static IPEndPoint Unmapped(IPEndPoint endPoint)
        => endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _closedReason ??= new RtspClientException("The RTSP connection was closed by the client.");
        await _stop.CancelAsync().ConfigureAwait(false);
        _tcp.Dispose();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The loop ends by the dispose above; how it ends does not matter any more.
        }

        // The gates stay undisposed: the connection is disposed from its own Closed event (a server that broke the
        // stream) while a SendAsync may still be about to release them. SemaphoreSlim holds nothing to free unless
        // its AvailableWaitHandle was used, which it is not.
        _stop.Dispose();
    }
}
