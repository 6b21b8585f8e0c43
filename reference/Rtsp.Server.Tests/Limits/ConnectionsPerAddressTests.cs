using System.Net;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Limits;

/// <summary>--max-connections-per-address: one address beyond its share gets 503 with Retry-After; other addresses are still served.</summary>
[Category("Integration")]
public class ConnectionsPerAddressTests
{
    private static readonly IPAddress OtherAddress = IPAddress.Parse("127.0.0.2");

    [Test]
    public async Task One_address_beyond_its_limit_gets_503_while_another_address_is_served()
    {
        await using var server = await ServerProcess.StartAsync("--max-connections-per-address", "2");
        var first = await RtspTestClient.ConnectAsync(server.BaseUrl);
        bool firstOpen = true;
        await using var second = await RtspTestClient.ConnectAsync(server.BaseUrl);
        try
        {
            (await first.SendAsync(RtspMethods.Options, server.BaseUrl)).StatusCode.Should().Be(200);
            (await second.SendAsync(RtspMethods.Options, server.BaseUrl)).StatusCode.Should().Be(200);

            await using (var third = await RtspTestClient.ConnectAsync(server.BaseUrl))
            {
                var refused = await third.SendAsync(RtspMethods.Options, server.BaseUrl);
                refused.StatusCode.Should().Be(503);
                int.Parse(refused.Headers.Get("Retry-After") ?? "0", System.Globalization.CultureInfo.InvariantCulture).Should().BePositive("503 says when to retry");
            }
            (await RtpReceiver.WaitForAsync(() => server.StandardError.Contains("limit --max-connections-per-address 2 reached", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
                .Should().BeTrue("one log line names the limit: " + server.StandardError);
            server.StandardError.Should().MatchRegex(@"127\.0\.0\.1:\d+: limit --max-connections-per-address 2 reached: .*raise --max-connections-per-address");

            await using (var other = await RtspTestClient.ConnectAsync(server.BaseUrl, OtherAddress))
                (await other.SendAsync(RtspMethods.Options, server.BaseUrl)).StatusCode.Should().Be(200, "127.0.0.2 has its own count");

            await first.DisposeAsync();
            firstOpen = false;
            (await ConnectionLimitTests.ConnectUntilAdmitted(server)).Should().BeTrue("127.0.0.1 is admitted again once one of its connections closed");
        }
        finally
        {
            if (firstOpen)
                await first.DisposeAsync();
        }
    }
}
