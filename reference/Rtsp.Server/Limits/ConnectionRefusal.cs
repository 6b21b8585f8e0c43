using System.Net.Sockets;
using Rtsp.Protocol;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Limits;

/// <summary>
/// Answers a connection refused by <see cref="ConnectionAdmission"/>: waits briefly for its first request, answers
/// 503 Service Unavailable with Retry-After and that request's CSeq (a client matches replies by CSeq, and one
/// closed before it has read our answer may only see a reset), then closes. Refusing costs a socket for at most
/// <see cref="WaitForRequest"/>, and at most <see cref="MaxInFlight"/> refusals wait at once: beyond that a refused
/// connection is closed at once, so a connection flood cannot pile up sockets here.
/// </summary>
public sealed class ConnectionRefusal
{
    public const int MaxInFlight = 64;

    public static readonly TimeSpan WaitForRequest = TimeSpan.FromSeconds(2);

    private readonly RtspParserLimits _parserLimits;
    private int _inFlight;

    public ConnectionRefusal(RtspParserLimits parserLimits) => _parserLimits = parserLimits;

    /// <summary>Answers and closes <paramref name="socket"/> in the background; never throws.</summary>
    public void Refuse(Socket socket, string reason, TimeSpan retryAfter, CancellationToken stopping) =>
        _ = RefuseAsync(socket, reason, retryAfter, stopping);

    private async Task RefuseAsync(Socket socket, string reason, TimeSpan retryAfter, CancellationToken stopping)
    {
        try
        {
            if (Interlocked.Increment(ref _inFlight) > MaxInFlight)
                return;
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            reading.CancelAfter(WaitForRequest);
            string? cseq = await ReadFirstCSeq(socket, reading.Token);
            var response = LimitResponse.Create(RtspStatus.ServiceUnavailable, reason, cseq, retryAfter);
            using var writing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            writing.CancelAfter(WaitForRequest);
            await socket.SendAsync(response.ToBytes(), SocketFlags.None, writing.Token);
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            socket.Dispose();
        }
    }

    /// <summary>The CSeq of the first request, or null when none arrives in time or it is not RTSP.</summary>
    private async Task<string?> ReadFirstCSeq(Socket socket, CancellationToken cancel)
    {
        var demux = new InterleavedDemultiplexer(_parserLimits);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                int read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel);
                if (read == 0)
                    return null;
                demux.Feed(buffer.AsSpan(0, read));
                while (demux.TryReadNext(out var item))
                {
                    if (item is RtspItem { Message: RtspRequest request })
                        return request.Headers.Get("CSeq");
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ProtocolFormatException)
        {
            return null;
        }
    }
}
