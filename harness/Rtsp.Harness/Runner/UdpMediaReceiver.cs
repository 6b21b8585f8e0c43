using System.Net;
using System.Net.Sockets;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Runner;

/// <summary>
/// The harness's own RTP/RTCP receiver for one UDP stream: an even port for RTP and the next odd one for RTCP
/// (RFC 3550 §11), each with a receive thread that records every datagram with the kernel's arrival time
/// (SO_TIMESTAMPNS) and reports the datagrams the kernel dropped on a full receive buffer (SO_RXQ_OVFL), so a loss the
/// harness caused is never blamed on the server.
/// </summary>
public sealed class UdpMediaReceiver : IDisposable
{
    private const int ReceiveBufferBytes = 8 * 1024 * 1024;

    /// <summary>How often a blocked receive wakes to see whether the receiver was disposed.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

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
    /// <param name="receiveBufferBytes">SO_RCVBUF; tests make it tiny to make the kernel drop datagrams.</param>
    public static UdpMediaReceiver Open(IPAddress address, ClientPortRange ports, PacketRecorder recorder, MediaPacketLog log, int receiveBufferBytes = ReceiveBufferBytes)
    {
        for (var port = ports.Low + (ports.Low & 1); port + 1 <= ports.High; port += 2)
        {
            var first = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = receiveBufferBytes };
            var second = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = receiveBufferBytes };
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
        var local = (IPEndPoint)socket.LocalEndPoint!;
        using var stamped = KernelStampedDatagrams.TryEnable(socket);
        if (stamped is null)
        {
            ReceiveLoopUserTime(socket, kind, local);
            return;
        }

        socket.ReceiveTimeout = (int)PollInterval.TotalMilliseconds;
        uint? lastCounter = null;
        long lastArrival = 0;
        while (!disposed)
        {
            KernelStampedDatagrams.Datagram datagram;
            try
            {
                if (!stamped.TryReceive(out datagram))
                {
                    continue;
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            if (disposed)
            {
                return;
            }

            // The kernel stamps CLOCK_REALTIME; the run's events use HarnessClock (the realtime of its start advanced by
            // the monotonic clock): shift by their difference now, a few µs apart.
            var now = HarnessClock.NowNs();
            var arrival = datagram.KernelRealtimeNs is { } kernel ? kernel + (now - RealtimeNowNs()) : now;
            if (datagram.DropCounter is { } counter)
            {
                // SO_RXQ_OVFL counts every datagram dropped on this socket so far: a rise happened since the last one read.
                long lost = lastCounter is { } before ? unchecked(counter - before) : counter;
                if (lost > 0)
                {
                    recorder.NoteDrops(new HarnessDrop(lastArrival, arrival, lost, $"udp socket {local}"));
                    log.NoteDrops(lastArrival, arrival, lost);
                }

                lastCounter = counter;
            }

            lastArrival = arrival;
            Deliver(kind, datagram.Source, local, datagram.Data, arrival);
        }
    }

    // Where recvmsg with control messages is not available: user-space receive times, drops unknown.
    private void ReceiveLoopUserTime(Socket socket, PacketKind kind, IPEndPoint local)
    {
        var buffer = new byte[65536];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
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

            Deliver(kind, (IPEndPoint)from, local, buffer.AsSpan(0, n).ToArray(), HarnessClock.NowNs());
        }
    }

    private void Deliver(PacketKind kind, IPEndPoint source, IPEndPoint local, byte[] data, long arrival)
    {
        recorder.Record(kind, PacketDirection.FromServer, false, source, local, null, data, arrival);
        if (kind == PacketKind.Rtp)
        {
            ServerRtpEndPoint ??= source;
            log.Add(arrival, data);
        }
    }

    private static long RealtimeNowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

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
