using System.Net;
using System.Net.Sockets;

namespace Rtsp.Server.Transport;

/// <summary>
/// Hands out server UDP port pairs from the configured range: RTP on an even port, RTCP on the next odd one
/// (RFC 3550 11, RFC 2326 12.39 server_port). A pair is bound when allocated, so a port taken by another
/// program is skipped, and it returns to the pool when its <see cref="UdpPortPair"/> is disposed.
/// The cursor rotates so a freed pair is not reused at once (late packets of an old session land nowhere).
/// </summary>
public sealed class RtpPortAllocator
{
    private readonly IPAddress _bind;
    private readonly int _low;
    private readonly int _pairs;
    private readonly bool[] _inUse;
    private readonly object _gate = new();
    private int _cursor;

    public RtpPortAllocator(IPAddress bind, int low, int high)
    {
        if (low % 2 != 0 || high <= low)
            throw new ArgumentException($"RTP port range {low}-{high}: LOW must be even and below HIGH");
        _bind = bind;
        _low = low;
        _pairs = (high - low + 1) / 2;
        _inUse = new bool[_pairs];
    }

    public int InUse
    {
        get
        {
            lock (_gate)
                return _inUse.Count(b => b);
        }
    }

    /// <summary>Binds the next free even/odd pair, or returns null when the whole range is taken.</summary>
    public UdpPortPair? Allocate()
    {
        for (int attempt = 0; attempt < _pairs; attempt++)
        {
            int index;
            lock (_gate)
            {
                index = _cursor;
                _cursor = (_cursor + 1) % _pairs;
                if (_inUse[index])
                    continue;
                _inUse[index] = true;
            }
            int port = _low + index * 2;
            var pair = TryBind(port);
            if (pair is not null)
                return pair;
            Release(index);
        }
        return null;
    }

    private UdpPortPair? TryBind(int rtpPort)
    {
        Socket? rtp = null, rtcp = null;
        try
        {
            rtp = CreateSocket(rtpPort);
            rtcp = CreateSocket(rtpPort + 1);
            return new UdpPortPair(this, (rtpPort - _low) / 2, rtp, rtcp);
        }
        catch (SocketException)
        {
            rtp?.Dispose();
            rtcp?.Dispose();
            return null;
        }
    }

    private Socket CreateSocket(int port)
    {
        var socket = new Socket(_bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(_bind, port));
            // The pacer must never wait on a send: a full buffer drops the packet instead (counted by the sender).
            socket.Blocking = false;
            socket.SendBufferSize = 1 << 20;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal void Release(int index)
    {
        lock (_gate)
            _inUse[index] = false;
    }
}

/// <summary>A bound RTP/RTCP socket pair; Dispose closes both and frees the ports.</summary>
public sealed class UdpPortPair : IDisposable
{
    private readonly RtpPortAllocator _owner;
    private readonly int _index;
    private int _disposed;

    internal UdpPortPair(RtpPortAllocator owner, int index, Socket rtp, Socket rtcp)
    {
        _owner = owner;
        _index = index;
        Rtp = rtp;
        Rtcp = rtcp;
        RtpPort = ((IPEndPoint)rtp.LocalEndPoint!).Port;
    }

    public Socket Rtp { get; }

    public Socket Rtcp { get; }

    public int RtpPort { get; }

    public int RtcpPort => RtpPort + 1;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Rtp.Dispose();
        Rtcp.Dispose();
        _owner.Release(_index);
    }
}
