using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Rtsp.Server.Tests.Support;

/// <summary>A client's UDP port pair (RTP even, RTCP odd) that records every datagram with its arrival time.</summary>
public sealed class RtpReceiver : IDisposable
{
    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly CancellationTokenSource _stop = new();

    private RtpReceiver(Socket rtp, Socket rtcp)
    {
        _rtp = rtp;
        _rtcp = rtcp;
        RtpPort = ((IPEndPoint)rtp.LocalEndPoint!).Port;
        _ = Receive(_rtp, Rtp);
        _ = Receive(_rtcp, Rtcp);
    }

    public int RtpPort { get; }

    public int RtcpPort => RtpPort + 1;

    public ConcurrentQueue<(byte[] Data, long Arrival)> Rtp { get; } = new();

    public ConcurrentQueue<(byte[] Data, long Arrival)> Rtcp { get; } = new();

    /// <summary>Binds a free even/odd pair in 40000-49998 (outside the server's default RTP range).</summary>
    public static RtpReceiver Create()
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int port = 40000 + 2 * RandomNumberGenerator.GetInt32(0, 5000);
            Socket? rtp = null, rtcp = null;
            try
            {
                rtp = Bind(port);
                rtcp = Bind(port + 1);
                return new RtpReceiver(rtp, rtcp);
            }
            catch (SocketException)
            {
                rtp?.Dispose();
                rtcp?.Dispose();
            }
        }
        throw new InvalidOperationException("no free UDP port pair in 40000-49999");
    }

    /// <summary>Sends bytes from the RTCP port to <paramref name="target"/> (a receiver report to the server).</summary>
    public void SendRtcp(byte[] packet, IPEndPoint target) => _rtcp.SendTo(packet, target);

    /// <summary>Waits until at least <paramref name="count"/> RTP packets arrived; false on timeout.</summary>
    public async Task<bool> WaitForRtpAsync(int count, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (Rtp.Count < count)
        {
            if (watch.Elapsed > timeout)
                return false;
            await Task.Delay(20);
        }
        return true;
    }

    public static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
                return false;
            await Task.Delay(20);
        }
        return true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _rtp.Dispose();
        _rtcp.Dispose();
        _stop.Dispose();
    }

    private static Socket Bind(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task Receive(Socket socket, ConcurrentQueue<(byte[], long)> into)
    {
        var buffer = new byte[65536];
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                int read = await socket.ReceiveAsync(buffer, SocketFlags.None, token);
                into.Enqueue((buffer[..read], Stopwatch.GetTimestamp()));
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
