using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol.Headers;
using Rtsp.Server.Transport;

namespace Rtsp.Server.Tests.Integration;

/// <summary>
/// A frame's packets handed to the UDP sink in one batch (UDP GSO where the kernel allows it, one by one where it
/// does not) arrive as the same datagrams, in order, byte for byte — including runs broken by a packet of another
/// size and runs longer than one send may carry.
/// </summary>
[Category("Integration")]
public class UdpBatchSendTests
{
    [TestCase(new[] { 1412, 1412, 1412, 1412, 1412, 1412, 1412, 1412, 517 }, TestName = "A 9-packet JPEG frame")]
    [TestCase(new[] { 1412, 1412, 300, 1412, 1412, 1412, 20, 20, 1412 }, TestName = "Runs broken by shorter packets")]
    [TestCase(new[] { 300, 1412, 1412 }, TestName = "A short packet before longer ones")]
    [TestCase(new[] { 1412 }, TestName = "One packet")]
    public void Batched_packets_arrive_as_the_same_datagrams_in_order(int[] lengths) => AssertRoundTrip(lengths);

    [Test]
    public void A_run_longer_than_one_GSO_send_is_split_and_nothing_is_lost() => AssertRoundTrip([.. Enumerable.Repeat(1412, 100), 99]);

    private static void AssertRoundTrip(int[] lengths)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        client.ReceiveBufferSize = 4 << 20;
        client.ReceiveTimeout = 2000;
        int clientPort = ((IPEndPoint)client.LocalEndPoint!).Port;
        var allocator = new RtpPortAllocator(IPAddress.Loopback, 47000, 47998);
        using var sink = new UdpRtpSink(allocator.Allocate()!, IPAddress.Loopback, new PortRange(clientPort, clientPort + 1));

        var packets = lengths.Select((length, i) => Enumerable.Range(0, length).Select(b => (byte)(i * 31 + b)).ToArray()).ToList();
        byte[] batch = [.. packets.SelectMany(p => p)];
        ((IRtpSink)sink).SendRtpBatch(batch, lengths).Should().Be(lengths.Length);

        var buffer = new byte[65536];
        foreach (var expected in packets)
        {
            int read = client.Receive(buffer);
            buffer.AsSpan(0, read).ToArray().Should().Equal(expected);
        }
        sink.Dropped.Should().Be(0);
    }
}
