using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Limits;

/// <summary>--max-sessions-per-connection: the SETUP beyond it is answered 453 on that connection only, and a TEARDOWN frees the slot.</summary>
[Category("Integration")]
public class SessionsPerConnectionTests
{
    [Test]
    public async Task The_setup_beyond_the_limit_gets_453_and_a_teardown_frees_its_slot()
    {
        await using var server = await ServerProcess.StartAsync("--max-sessions-per-connection", "2");
        string track = server.Url("sample.mjpeg/stream=0");
        using var receiverA = RtpReceiver.Create();
        using var receiverB = RtpReceiver.Create();
        await using var client = await RtspTestClient.ConnectAsync(server.BaseUrl);

        var first = await client.SetupUdpAsync(track, receiverA);
        first.StatusCode.Should().Be(200);
        (await client.SetupTcpAsync(track, channel: 0)).StatusCode.Should().Be(200, "below the limit all works");

        var refused = await client.SetupTcpAsync(track, channel: 2);
        refused.StatusCode.Should().Be(453);
        refused.Headers.Get("CSeq").Should().NotBeNull();
        (await RtpReceiver.WaitForAsync(() => server.StandardError.Contains("limit --max-sessions-per-connection 2 reached", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("one log line names the limit: " + server.StandardError);
        server.StandardError.Should().MatchRegex(@"127\.0\.0\.1:\d+: limit --max-sessions-per-connection 2 reached: SETUP answered 453.*raise --max-sessions-per-connection");

        await using (var other = await RtspTestClient.ConnectAsync(server.BaseUrl))
        {
            var elsewhere = await other.SetupUdpAsync(track, receiverB);
            elsewhere.StatusCode.Should().Be(200, "the limit is per connection");
            (await other.TeardownAsync(track, RtspTestClient.SessionId(elsewhere))).StatusCode.Should().Be(200);
        }

        (await client.TeardownAsync(track, RtspTestClient.SessionId(first))).StatusCode.Should().Be(200);
        (await client.SetupTcpAsync(track, channel: 2)).StatusCode.Should().Be(200, "the torn-down session no longer counts");
    }
}
