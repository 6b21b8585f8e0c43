using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Rtsp.Protocol;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Tests.Support;

/// <summary>
/// A raw RTSP client for tests: writes requests (or any bytes) on a TCP socket and reads responses and
/// interleaved frames with the core's demultiplexer. Every wait has a timeout.
/// </summary>
public sealed class RtspTestClient : IAsyncDisposable
{
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly Channel<RtspResponse> _responses = Channel.CreateUnbounded<RtspResponse>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _cseq;

    private volatile bool _readingStopped;

    private RtspTestClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = ReadLoop();
    }

    /// <summary>Interleaved frames received, with their arrival time (Stopwatch ticks).</summary>
    public ConcurrentQueue<(InterleavedFrame Frame, long Arrival)> Interleaved { get; } = new();

    /// <summary>True once the server closed the connection.</summary>
    public bool ServerClosed { get; private set; }

    /// <summary>Connects, from <paramref name="from"/> when given (any 127/8 address works on Linux loopback).
    /// NoDelay: each write leaves as its own segment, which the split-request tests rely on.</summary>
    public static async Task<RtspTestClient> ConnectAsync(string baseUrl, IPAddress? from = null)
    {
        var uri = new Uri(baseUrl);
        var tcp = from is null ? new TcpClient() : new TcpClient(new IPEndPoint(from, 0));
        tcp.NoDelay = true;
        try
        {
            using var timeout = new CancellationTokenSource(ResponseTimeout);
            await tcp.ConnectAsync(uri.Host, uri.Port, timeout.Token);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
        return new RtspTestClient(tcp);
    }

    /// <summary>A client with a small kernel receive buffer, to become a stalled reader with <see cref="StopReading"/>.</summary>
    public static async Task<RtspTestClient> ConnectSmallBufferAsync(string baseUrl)
    {
        var uri = new Uri(baseUrl);
        var tcp = new TcpClient { ReceiveBufferSize = 4096 };
        using var timeout = new CancellationTokenSource(ResponseTimeout);
        await tcp.ConnectAsync(uri.Host, uri.Port, timeout.Token);
        return new RtspTestClient(tcp);
    }

    /// <summary>Stops reading from the socket after the current read (the client stalls; the server's writes back up).</summary>
    public void StopReading() => _readingStopped = true;

    /// <summary>Sends a request with the next CSeq (unless it has one) and returns the response.</summary>
    public async Task<RtspResponse> SendAsync(string method, string uri, params (string Name, string Value)[] headers) =>
        await SendAsync(method, uri, null, headers);

    public async Task<RtspResponse> SendAsync(string method, string uri, string? body, params (string Name, string Value)[] headers)
    {
        var request = new RtspRequest(method, uri);
        if (!headers.Any(h => h.Name.Equals("CSeq", StringComparison.OrdinalIgnoreCase)))
            request.Headers.Add("CSeq", (++_cseq).ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        if (body is not null)
        {
            request.Body = Encoding.UTF8.GetBytes(body);
            request.Headers.Add("Content-Type", "text/parameters");
        }
        return await SendRawAsync(request.ToBytes());
    }

    public async Task<RtspResponse> SendRawAsync(string text) => await SendRawAsync(Encoding.UTF8.GetBytes(text));

    public async Task<RtspResponse> SendRawAsync(byte[] bytes)
    {
        await WriteAsync(bytes);
        return await NextResponseAsync();
    }

    public async Task WriteAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(ResponseTimeout);
        await _stream.WriteAsync(bytes, timeout.Token);
    }

    public async Task<RtspResponse> NextResponseAsync()
    {
        using var timeout = new CancellationTokenSource(ResponseTimeout);
        try
        {
            return await _responses.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no RTSP response within {ResponseTimeout.TotalSeconds} s");
        }
        catch (ChannelClosedException)
        {
            throw new IOException("the server closed the connection without a response");
        }
    }

    public Task<RtspResponse> DescribeAsync(string url) => SendAsync(RtspMethods.Describe, url, ("Accept", "application/sdp"));

    /// <summary>SETUP over UDP to <paramref name="receiver"/>'s ports; returns the response (Session in it when 200).</summary>
    public Task<RtspResponse> SetupUdpAsync(string trackUrl, RtpReceiver receiver, string? session = null)
    {
        var headers = new List<(string, string)> { ("Transport", $"RTP/AVP;unicast;client_port={receiver.RtpPort}-{receiver.RtcpPort}") };
        if (session is not null)
            headers.Add(("Session", session));
        return SendAsync(RtspMethods.Setup, trackUrl, [.. headers]);
    }

    public Task<RtspResponse> SetupTcpAsync(string trackUrl, int? channel = 0)
    {
        string transport = channel is null ? "RTP/AVP/TCP;unicast" : $"RTP/AVP/TCP;unicast;interleaved={channel}-{channel + 1}";
        return SendAsync(RtspMethods.Setup, trackUrl, ("Transport", transport));
    }

    public Task<RtspResponse> PlayAsync(string url, string session, string? range = null) =>
        range is null
            ? SendAsync(RtspMethods.Play, url, ("Session", session))
            : SendAsync(RtspMethods.Play, url, ("Session", session), ("Range", range));

    public Task<RtspResponse> PauseAsync(string url, string session) => SendAsync(RtspMethods.Pause, url, ("Session", session));

    public Task<RtspResponse> TeardownAsync(string url, string session) => SendAsync(RtspMethods.Teardown, url, ("Session", session));

    /// <summary>The admin query: how many sessions the server holds.</summary>
    public async Task<int> CountSessionsAsync(string baseUrl)
    {
        var response = await SendAsync(RtspMethods.GetParameter, baseUrl, "sessions\r\n");
        string body = Encoding.UTF8.GetString(response.Body).Trim();
        return int.Parse(body["sessions:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>The session id of a SETUP response (without ;timeout).</summary>
    public static string SessionId(RtspResponse response) =>
        SessionHeader.Parse(response.Headers.Get("Session") ?? throw new InvalidOperationException("no Session header")).Id;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Dispose();
        await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ReadLoop()
    {
        var demux = new InterleavedDemultiplexer();
        var buffer = new byte[64 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (_readingStopped)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                int read = await _stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                    break;
                long arrival = Stopwatch.GetTimestamp();
                demux.Feed(buffer.AsSpan(0, read));
                while (demux.TryReadNext(out var item))
                {
                    if (item is RtspItem { Message: RtspResponse response })
                        _responses.Writer.TryWrite(response);
                    else if (item is InterleavedFrame frame)
                        Interleaved.Enqueue((frame, arrival));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
        }
        catch (ProtocolFormatException)
        {
            // Bytes that are not RTSP: the connection is useless from here, as if the server had closed it.
        }
        ServerClosed = true;
        _responses.Writer.TryComplete();
    }
}
