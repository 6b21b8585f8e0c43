using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Rtsp.Server.Tests.Support;

/// <summary>
/// A client's UDP port pair (RTP even, RTCP odd) that records every datagram with its arrival time: when this
/// process read it (Stopwatch ticks) and, on Linux, when the kernel received it (<see cref="KernelArrivalNs"/>).
/// </summary>
public sealed class RtpReceiver : IDisposable
{
    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConditionalWeakTable<byte[], StrongBox<long>> _kernelArrivals = new();

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

    /// <summary>
    /// When the kernel received <paramref name="datagram"/> (one of <see cref="Rtp"/>'s or <see cref="Rtcp"/>'s
    /// arrays), CLOCK_REALTIME ns; null off Linux. Unlike the recorded read time it does not move when this process
    /// is descheduled.
    /// </summary>
    public long? KernelArrivalNs(byte[] datagram) => _kernelArrivals.TryGetValue(datagram, out var time) ? time.Value : null;

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
            KernelReceiveTime.Enable(socket);
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
                long now = Stopwatch.GetTimestamp();
                var datagram = buffer[..read];
                // One receive at a time per socket, so the stamp is this datagram's.
                if (KernelReceiveTime.Read(socket) is { } kernel)
                    _kernelArrivals.Add(datagram, new StrongBox<long>(kernel));
                into.Enqueue((datagram, now));
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
