using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Limits;

/// <summary>--max-connections: one connection more than the limit is answered 503 with Retry-After and closed; a freed slot is taken again.</summary>
[Category("Integration")]
public class ConnectionLimitTests
{
    [Test]
    public async Task A_connection_beyond_max_connections_gets_503_with_Retry_After_and_a_freed_slot_is_reused()
    {
        await using var server = await ServerProcess.StartAsync("--max-connections", "3");
        var admitted = new List<RtspTestClient>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                var client = await RtspTestClient.ConnectAsync(server.BaseUrl);
                admitted.Add(client);
                (await client.SendAsync(RtspMethods.Options, server.BaseUrl)).StatusCode.Should().Be(200, "below the limit all works");
            }

            await using (var refused = await RtspTestClient.ConnectAsync(server.BaseUrl))
            {
                var response = await refused.SendAsync(RtspMethods.Options, server.BaseUrl, ("CSeq", "7"));
                response.StatusCode.Should().Be(503);
                response.Headers.Get("CSeq").Should().Be("7", "the refusal answers the client's request");
                response.Headers.Get("Retry-After").Should().Be("5");
                (await RtpReceiver.WaitForAsync(() => refused.ServerClosed, TimeSpan.FromSeconds(5))).Should().BeTrue("a refused connection is closed");
            }
            (await RtpReceiver.WaitForAsync(() => server.StandardError.Contains("limit --max-connections 3 reached", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
                .Should().BeTrue("one log line names the limit: " + server.StandardError);
            server.StandardError.Should().MatchRegex(@"127\.0\.0\.1:\d+: limit --max-connections 3 reached: .*503.*raise --max-connections");

            await admitted[0].DisposeAsync();
            admitted.RemoveAt(0);
            (await ConnectUntilAdmitted(server)).Should().BeTrue("the count goes down when a client leaves");
        }
        finally
        {
            foreach (var client in admitted)
                await client.DisposeAsync();
        }
    }

    /// <summary>The server frees a slot when it notices the close: retry briefly until a new connection is served.</summary>
    internal static async Task<bool> ConnectUntilAdmitted(ServerProcess server, System.Net.IPAddress? from = null)
    {
        for (int attempt = 0; attempt < 25; attempt++)
        {
            await using var client = await RtspTestClient.ConnectAsync(server.BaseUrl, from);
            if ((await client.SendAsync(RtspMethods.Options, server.BaseUrl)).StatusCode == 200)
                return true;
            await Task.Delay(200);
        }
        return false;
    }
}
