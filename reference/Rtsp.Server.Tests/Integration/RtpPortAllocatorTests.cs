using System.Net;
using System.Net.Sockets;
using Rtsp.Server.Transport;

namespace Rtsp.Server.Tests.Integration;

[Category("Integration")]
public class RtpPortAllocatorTests
{
    [Test]
    public void Allocates_even_odd_pairs_skips_taken_ports_and_reuses_freed_ones()
    {
        int low = FreeEvenBase();
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, low + 1));
        var allocator = new RtpPortAllocator(IPAddress.Loopback, low, low + 5);

        using var first = allocator.Allocate();
        first.Should().NotBeNull();
        first!.RtpPort.Should().Be(low + 2, "the pair at LOW is taken by another socket (its odd port)");
        first.RtcpPort.Should().Be(low + 3);
        using var second = allocator.Allocate();
        second!.RtpPort.Should().Be(low + 4);
        allocator.Allocate().Should().BeNull("the range has no free pair left");

        second.Dispose();
        allocator.InUse.Should().Be(1);
        using var again = allocator.Allocate();
        again!.RtpPort.Should().Be(low + 4);
    }

    private static int FreeEvenBase()
    {
        for (int port = 46000; port < 48000; port += 6)
        {
            try
            {
                var sockets = Enumerable.Range(0, 6).Select(i =>
                {
                    var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    s.Bind(new IPEndPoint(IPAddress.Loopback, port + i));
                    return s;
                }).ToList();
                sockets.ForEach(s => s.Dispose());
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("no free port block");
    }
}
