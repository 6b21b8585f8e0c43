using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>One RTP packet as a healthy session saw it: what continuity and timing checks need, nothing more.</summary>
public readonly record struct ReceivedPacket(ushort Seq, uint Timestamp, long Arrival);

/// <summary>
/// One playing session watched on dedicated threads (not the thread pool, which the attacking tests keep busy):
/// its RTSP connection, and its RTP over UDP or interleaved in that connection. Every packet is recorded with its
/// arrival time. Requests can still be sent on the connection (keep-alives) while media flows.
/// </summary>
public sealed class WatchedSession : IDisposable
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _control;
    private readonly Socket? _rtp;
    private readonly Socket? _rtcp;
    private readonly List<ReceivedPacket> _packets = [];
    private readonly BlockingCollection<RtspResponse> _responses = [];
    private readonly object _sendGate = new();
    private readonly List<Thread> _threads = [];
    private volatile bool _stopping;
    private int _cseq;

    private WatchedSession(Socket control, Socket? rtp, Socket? rtcp)
    {
        _control = control;
        _rtp = rtp;
        _rtcp = rtcp;
        Start(ReadControl, "healthy-rtsp");
        if (rtp is not null)
            Start(ReadUdp, "healthy-rtp");
    }

    public bool OverTcp => _rtp is null;

    public string Id { get; private set; } = "";

    /// <summary>Why the connection ended, when it did (a healthy session's never should).</summary>
    public string? Failure { get; private set; }

    public int Count
    {
        get
        {
            lock (_packets)
                return _packets.Count;
        }
    }

    /// <summary>Packets from index <paramref name="from"/> on (a copy).</summary>
    public List<ReceivedPacket> Since(int from)
    {
        lock (_packets)
            return _packets.GetRange(from, _packets.Count - from);
    }

    /// <summary>Connects, sets up <paramref name="url"/>'s track over UDP or TCP and plays it.</summary>
    public static WatchedSession Open(int serverPort, string url, bool overTcp)
    {
        Socket? rtp = null, rtcp = null;
        if (!overTcp)
            (rtp, rtcp) = BindPair();
        var control = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        control.Connect(new IPEndPoint(IPAddress.Loopback, serverPort));
        var session = new WatchedSession(control, rtp, rtcp);
        try
        {
            string transport = overTcp
                ? "RTP/AVP/TCP;unicast;interleaved=0-1"
                : $"RTP/AVP;unicast;client_port={((IPEndPoint)rtp!.LocalEndPoint!).Port}-{((IPEndPoint)rtcp!.LocalEndPoint!).Port}";
            var setup = session.Request("SETUP", url + "stream=0", ("Transport", transport));
            if (setup.StatusCode != 200)
                throw new InvalidOperationException($"healthy session SETUP answered {setup.StatusCode}");
            session.Id = SessionHeader.Parse(setup.Headers.Get("Session")!).Id;
            var play = session.Request("PLAY", url, ("Session", session.Id));
            if (play.StatusCode != 200)
                throw new InvalidOperationException($"healthy session PLAY answered {play.StatusCode}");
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request on the session's connection and waits for its response.</summary>
    public RtspResponse Request(string method, string uri, params (string Name, string Value)[] headers)
    {
        var request = new RtspRequest(method, uri);
        request.Headers.Add("CSeq", Interlocked.Increment(ref _cseq).ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        lock (_sendGate)
            _control.Send(request.ToBytes());
        if (!_responses.TryTake(out var response, ResponseTimeout))
            throw new TimeoutException($"healthy session: no answer to {method} within {ResponseTimeout.TotalSeconds} s ({Failure ?? "connection open"})");
        return response;
    }

    /// <summary>RFC 2326 12.37: a request naming the session keeps it (and its connection) alive.</summary>
    public bool KeepAlive() => Request("GET_PARAMETER", "*", ("Session", Id)).StatusCode == 200;

    public void Dispose()
    {
        _stopping = true;
        _control.Dispose();
        _rtp?.Dispose();
        _rtcp?.Dispose();
        foreach (var thread in _threads)
            thread.Join(TimeSpan.FromSeconds(2));
        _responses.Dispose();
    }

    private static (Socket Rtp, Socket Rtcp) BindPair()
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int port = 30000 + 2 * Random.Shared.Next(0, 5000);
            var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
            var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                rtcp.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
                return (rtp, rtcp);
            }
            catch (SocketException)
            {
                rtp.Dispose();
                rtcp.Dispose();
            }
        }
        throw new InvalidOperationException("no free UDP port pair in 30000-39999");
    }

    private void Start(ThreadStart body, string name)
    {
        var thread = new Thread(body) { IsBackground = true, Name = name };
        _threads.Add(thread);
        thread.Start();
    }

    private void Record(ReadOnlySpan<byte> datagram, long arrival)
    {
        if (datagram.Length < 12 || datagram[0] >> 6 != 2)
            return;
        ushort seq = (ushort)(datagram[2] << 8 | datagram[3]);
        uint timestamp = (uint)(datagram[4] << 24 | datagram[5] << 16 | datagram[6] << 8 | datagram[7]);
        lock (_packets)
            _packets.Add(new ReceivedPacket(seq, timestamp, arrival));
    }

    private void ReadUdp()
    {
        var buffer = new byte[65536];
        _rtp!.ReceiveTimeout = 250;
        while (!_stopping)
        {
            try
            {
                int read = _rtp.Receive(buffer);
                Record(buffer.AsSpan(0, read), Stopwatch.GetTimestamp());
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
            {
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private void ReadControl()
    {
        var demux = new InterleavedDemultiplexer();
        var buffer = new byte[256 * 1024];
        try
        {
            while (!_stopping)
            {
                int read = _control.Receive(buffer);
                if (read == 0)
                {
                    Failure = "the server closed the connection";
                    break;
                }
                long arrival = Stopwatch.GetTimestamp();
                demux.Feed(buffer.AsSpan(0, read));
                while (demux.TryReadNext(out var item))
                {
                    if (item is RtspItem { Message: RtspResponse response })
                        _responses.Add(response);
                    else if (item is InterleavedFrame { Channel: 0 } frame)
                        Record(frame.Payload, arrival);
                }
            }
        }
        catch (ProtocolFormatException ex)
        {
            Failure = "unreadable bytes from the server: " + ex.Message;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            if (!_stopping)
                Failure = "connection error: " + ex.Message;
        }
        catch (InvalidOperationException) when (_stopping)
        {
            // The response queue was disposed while stopping.
        }
    }
}
