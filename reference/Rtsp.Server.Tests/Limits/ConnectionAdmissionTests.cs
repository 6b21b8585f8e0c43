using System.Net;
using Rtsp.Server.Limits;

namespace Rtsp.Server.Tests.Limits;

/// <summary>Counting open connections in all and per address (no sockets: the counts alone).</summary>
public class ConnectionAdmissionTests
{
    private static readonly IPAddress A = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress B = IPAddress.Parse("192.0.2.2");

    [Test]
    public void Per_address_limit_refuses_only_that_address_and_a_released_ticket_admits_again()
    {
        var admission = new ConnectionAdmission(maxTotal: 10, maxPerAddress: 2);
        var first = admission.TryAdmit(A, out _);
        var second = admission.TryAdmit(A, out _);
        first.Should().NotBeNull();
        second.Should().NotBeNull();

        admission.TryAdmit(A, out var refusedBy).Should().BeNull();
        refusedBy.Should().Be((ServerLimits.MaxConnectionsPerAddressOption, 2));
        admission.TryAdmit(B, out _).Should().NotBeNull("another address has its own count");

        first!.Dispose();
        first.Dispose();
        admission.Open.Should().Be(2, "a ticket released twice counts once");
        admission.TryAdmit(A, out _).Should().NotBeNull();
    }

    [Test]
    public void Total_limit_refuses_every_address()
    {
        var admission = new ConnectionAdmission(maxTotal: 2, maxPerAddress: 2);
        using var a = admission.TryAdmit(A, out _);
        using var b = admission.TryAdmit(B, out _);
        admission.TryAdmit(IPAddress.Parse("192.0.2.3"), out var refusedBy).Should().BeNull();
        refusedBy.Should().Be((ServerLimits.MaxConnectionsOption, 2));
    }

    [Test]
    public void Ten_thousand_connections_one_after_another_are_never_refused()
    {
        // What a soak test does: the limit counts connections open now, not connections ever made.
        var admission = new ConnectionAdmission(maxTotal: 5, maxPerAddress: 1);
        for (int i = 0; i < 10_000; i++)
        {
            var ticket = admission.TryAdmit(A, out _);
            ticket.Should().NotBeNull();
            ticket!.Dispose();
        }
        admission.Open.Should().Be(0);
    }
}
