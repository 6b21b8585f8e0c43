using System.Net;
using System.Net.Sockets;
using Rtsp.Harness.Capture;
using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Tests.Capture;

/// <summary>Live capture on loopback with real sockets (the machine runs as root; without rights the test says so).</summary>
[Category("Integration")]
public sealed class LiveCaptureTests
{
    [Test]
    public void A_5000_datagram_burst_on_loopback_is_captured_completely()
    {
        string folder = Directory.CreateTempSubdirectory("live-capture-").FullName;
        try
        {
            using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            receiver.ReceiveBufferSize = 16 * 1024 * 1024;
            int port = ((IPEndPoint)receiver.LocalEndPoint!).Port;
            string pcap = Path.Combine(folder, "burst.pcap");
            LiveCapture capture;
            try
            {
                capture = LiveCapture.Start(LiveCapture.InterfaceFor(IPAddress.Loopback), $"udp dst port {port}", pcap);
            }
            catch (CaptureUnavailableException e)
            {
                Assert.Inconclusive($"live capture is not available here: {e.Message}");
                return;
            }

            CaptureStatistics statistics;
            using (capture)
            {
                // libpcap needs a moment before the filter is live on the socket.
                Thread.Sleep(300);
                using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                var target = new IPEndPoint(IPAddress.Loopback, port);
                var payload = new byte[1400];
                for (int i = 0; i < 5000; i++)
                {
                    payload[0] = 0x80;
                    payload[2] = (byte)(i >> 8);
                    payload[3] = (byte)i;
                    sender.SendTo(payload, target);
                }

                Thread.Sleep(500);
                statistics = capture.Stop();
            }

            var contents = CaptureReader.Read(pcap);
            contents.FrameCount.Should().Be(5000, $"libpcap counted {statistics}");
            statistics.Written.Should().Be(5000);
            statistics.Dropped.Should().Be(0);
            contents.Packets.Should().OnlyContain(p => p.Kind == PacketKind.Rtp);
            var times = contents.Packets.Select(p => p.TimestampNs).ToList();
            times.Should().BeInAscendingOrder();
            times.Any(t => t % 1000 != 0).Should().BeTrue("timestamps keep nanosecond precision");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void An_unknown_interface_is_a_clear_capture_unavailable_error()
    {
        var start = () => LiveCapture.Start("no-such-if0", "udp", Path.Combine(Path.GetTempPath(), "never.pcap"));

        start.Should().Throw<CaptureUnavailableException>().WithMessage("*no-such-if0*--interface*");
    }

    [Test]
    public void Loopback_targets_are_captured_on_lo() =>
        LiveCapture.InterfaceFor(IPAddress.Parse("127.0.0.5")).Should().Be("lo");
}
