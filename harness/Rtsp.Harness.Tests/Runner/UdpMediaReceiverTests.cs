using System.Net;
using System.Net.Sockets;
using Rtsp.Harness.Runner;

namespace Rtsp.Harness.Tests.Runner;

/// <summary>
/// The harness's UDP receivers on real loopback sockets: the kernel's receive time comes with each datagram
/// (SO_TIMESTAMPNS), and datagrams the kernel dropped on a full receive buffer are counted (SO_RXQ_OVFL), so the loss
/// is the harness's and not blamed on the server.
/// </summary>
[Category("Integration")]
public sealed class UdpMediaReceiverTests
{
    [Test]
    public void The_kernel_receive_time_is_when_the_datagram_arrived_not_when_it_was_read()
    {
        Assume.That(OperatingSystem.IsLinux(), "recvmsg control messages are Linux's");
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var stamped = KernelStampedDatagrams.TryEnable(receiver);
        stamped.Should().NotBeNull();
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        long sentNs = RealtimeNowNs();
        sender.SendTo(new byte[] { 1, 2, 3 }, receiver.LocalEndPoint!);
        Thread.Sleep(300);
        long readNs = RealtimeNowNs();
        stamped!.TryReceive(out var datagram).Should().BeTrue();

        datagram.Data.Should().Equal(1, 2, 3);
        datagram.Source.Port.Should().Be(((IPEndPoint)sender.LocalEndPoint!).Port);
        datagram.KernelRealtimeNs.Should().NotBeNull();
        // Generous bounds for a loaded machine: stamped near the send, well before the read 300 ms later.
        datagram.KernelRealtimeNs!.Value.Should().BeInRange(sentNs - 50_000_000, sentNs + 100_000_000);
        (readNs - datagram.KernelRealtimeNs.Value).Should().BeGreaterThan(200_000_000);
    }

    [Test]
    public void Datagrams_dropped_on_a_full_receive_buffer_are_counted_exactly()
    {
        Assume.That(OperatingSystem.IsLinux(), "SO_RXQ_OVFL is Linux's");
        var recorder = new PacketRecorder();
        var log = new MediaPacketLog();
        // A tiny SO_RCVBUF (the kernel doubles it to ~4.6 KiB): a burst overflows it before the receive thread reads.
        using var receiver = UdpMediaReceiver.Open(IPAddress.Loopback, ClientPortRange.Random(), recorder, log, receiveBufferBytes: 2048);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = new IPEndPoint(IPAddress.Loopback, receiver.RtpPort);
        const int burst = 3000;
        var packet = new byte[1200];
        packet[0] = 0x80;
        packet[1] = 26;
        for (int i = 0; i < burst; i++)
        {
            packet[2] = (byte)(i >> 8);
            packet[3] = (byte)i;
            sender.SendTo(packet, target);
        }

        // The counter comes with the next datagram read: one more after the burst is drained.
        Thread.Sleep(500);
        sender.SendTo(packet, target);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (recorder.Snapshot().Count + recorder.Drops().Sum(d => d.Count) < burst + 1 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        long received = recorder.Snapshot().Count;
        long dropped = recorder.Drops().Sum(d => d.Count);
        TestContext.Out.WriteLine($"sent {burst + 1}, received {received}, dropped (SO_RXQ_OVFL) {dropped}");
        dropped.Should().BeGreaterThan(0, "a 3000-datagram burst into ~4.6 KiB must overflow");
        (received + dropped).Should().Be(burst + 1, "every datagram is either received or counted as dropped");
        log.DroppedBetween(0, long.MaxValue).Should().Be(dropped);
        recorder.Drops().Should().OnlyContain(d => d.Source.StartsWith("udp socket 127.0.0.1:", StringComparison.Ordinal) && d.FromNs <= d.ToNs);
    }

    private static long RealtimeNowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
}
