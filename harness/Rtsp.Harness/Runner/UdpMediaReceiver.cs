using System.Net;
using System.Net.Sockets;
using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Runner;

/// <summary>
/// The harness's own RTP/RTCP receiver for one UDP stream: an even port for RTP and the next odd one for RTCP
/// (RFC 3550 §11), each with a receive thread that records every datagram with its arrival time.
/// </summary>
public sealed class UdpMediaReceiver : IDisposable
{
    private const int ReceiveBufferBytes = 8 * 1024 * 1024;

    private readonly Socket rtp;
    private readonly Socket rtcp;
    private readonly Thread[] threads;
    private readonly PacketRecorder recorder;
    private readonly MediaPacketLog log;
    private volatile bool disposed;

    private UdpMediaReceiver(Socket rtp, Socket rtcp, PacketRecorder recorder, MediaPacketLog log)
    {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.recorder = recorder;
        this.log = log;
        threads =
        [
            new Thread(() => ReceiveLoop(rtp, PacketKind.Rtp)) { IsBackground = true, Name = "rtp-recv" },
            new Thread(() => ReceiveLoop(rtcp, PacketKind.Rtcp)) { IsBackground = true, Name = "rtcp-recv" },
        ];
        foreach (var thread in threads)
        {
            thread.Start();
        }
    }

    public int RtpPort => ((IPEndPoint)rtp.LocalEndPoint!).Port;

    public int RtcpPort => ((IPEndPoint)rtcp.LocalEndPoint!).Port;

    /// <summary>Where the server's RTP and RTCP come from (learned from the first datagrams), for sending nothing back but naming them.</summary>
    public IPEndPoint? ServerRtpEndPoint { get; private set; }

    /// <summary>Binds the first free even/odd port pair of <paramref name="ports"/> on <paramref name="address"/>.</summary>
    public static UdpMediaReceiver Open(IPAddress address, ClientPortRange ports, PacketRecorder recorder, MediaPacketLog log)
    {
        for (var port = ports.Low + (ports.Low & 1); port + 1 <= ports.High; port += 2)
        {
            var first = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = ReceiveBufferBytes };
            var second = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = ReceiveBufferBytes };
            try
            {
                first.Bind(new IPEndPoint(address, port));
                second.Bind(new IPEndPoint(address, port + 1));
                return new UdpMediaReceiver(first, second, recorder, log);
            }
            catch (SocketException)
            {
                first.Dispose();
                second.Dispose();
            }
        }

        throw new InvalidOperationException($"no free even/odd UDP port pair for RTP/RTCP in {ports.Low}-{ports.High}");
    }

    private void ReceiveLoop(Socket socket, PacketKind kind)
    {
        var buffer = new byte[65536];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        var local = (IPEndPoint)socket.LocalEndPoint!;
        while (!disposed)
        {
            int n;
            try
            {
                n = socket.ReceiveFrom(buffer, ref from);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var arrival = HarnessClock.NowNs();
            var data = buffer.AsSpan(0, n).ToArray();
            var source = (IPEndPoint)from;
            recorder.Record(kind, PacketDirection.FromServer, false, source, local, null, data, arrival);
            if (kind == PacketKind.Rtp)
            {
                ServerRtpEndPoint ??= source;
                log.Add(arrival, data);
            }
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        rtp.Dispose();
        rtcp.Dispose();
        foreach (var thread in threads)
        {
            thread.Join(TimeSpan.FromSeconds(2));
        }
    }
}
