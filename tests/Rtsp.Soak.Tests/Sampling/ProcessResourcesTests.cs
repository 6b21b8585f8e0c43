using System.Net;
using System.Net.Sockets;
using Rtsp.Soak.Sampling;

namespace Rtsp.Soak.Tests.Sampling;

/// <summary>The sampler reads this test process's own /proc entries while it opens and closes real sockets.</summary>
[Category("Integration")]
public class ProcessResourcesTests
{
    private static readonly ProcessResources Self = new(Environment.ProcessId);

    [Test]
    public void A_bound_udp_socket_counts_as_one_descriptor_and_one_udp_socket_until_closed()
    {
        var before = Self.Read();
        ProcessReading during;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            during = Self.Read();
        }
        var after = Self.Read();

        during.UdpSockets.Should().Be(before.UdpSockets + 1);
        during.FileDescriptors.Should().BeGreaterThan(before.FileDescriptors);
        during.FileDescriptorKinds["UDP socket"].Should().Be(before.FileDescriptorKinds["UDP socket"] + 1);
        after.UdpSockets.Should().Be(before.UdpSockets);
    }

    [Test]
    public void A_listening_tcp_socket_is_sorted_as_tcp_and_rss_and_threads_are_read()
    {
        var before = Self.Read();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var during = Self.Read();
            during.FileDescriptorKinds["TCP socket"].Should().Be(before.FileDescriptorKinds["TCP socket"] + 1);
            during.UdpSockets.Should().Be(before.UdpSockets);
        }
        finally
        {
            listener.Stop();
        }
        before.RssKiB.Should().BeGreaterThan(10_000, "a .NET test host holds tens of MiB");
        before.Threads.Should().BeGreaterThan(1);
    }

    [Test]
    public void A_process_that_is_gone_throws_io_exception()
    {
        var gone = new ProcessResources(int.MaxValue);

        gone.IsAlive.Should().BeFalse();
        FluentActions.Invoking(() => gone.Read()).Should().Throw<IOException>();
    }
}
