using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Client.Tests.TestSupport;

/// <summary>
/// A minimal RTSP peer on a real loopback socket whose answers a test scripts, for behaviours the reference server
/// has no switch for (refusing UDP, accepting UDP but never sending on it). One connection at a time; every
/// request is recorded; <see cref="SendInterleavedAsync"/> writes '$' frames on the current connection.
/// </summary>
public sealed class ScriptedRtspServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<RtspRequest, RtspResponse> _answer;
    private readonly Task _acceptLoop;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private NetworkStream? _stream;

    public ScriptedRtspServer(Func<RtspRequest, RtspResponse> answer)
    {
        _answer = answer;
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string Url => $"rtsp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/clip";

    public ConcurrentQueue<RtspRequest> Requests { get; } = new();

    public async Task SendInterleavedAsync(byte channel, byte[] payload)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _stream!.WriteAsync(InterleavedFrame.Encode(channel, payload));
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _stream = client.GetStream();
                await ServeAsync(_stream);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // stopped, or the client went away
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        var demultiplexer = new InterleavedDemultiplexer();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            demultiplexer.Feed(buffer.AsSpan(0, read));
            while (demultiplexer.TryReadNext(out var item))
            {
                if (item is RtspItem { Message: RtspRequest request })
                {
                    Requests.Enqueue(request);
                    var response = _answer(request);
                    response.CSeq = request.CSeq;
                    await _writeGate.WaitAsync(_stop.Token);
                    try
                    {
                        await stream.WriteAsync(response.ToBytes(), _stop.Token);
                    }
                    finally
                    {
                        _writeGate.Release();
                    }
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
        _writeGate.Dispose();
    }
}
