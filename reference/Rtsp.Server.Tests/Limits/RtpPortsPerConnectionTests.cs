using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Limits;

/// <summary>--max-rtp-ports-per-connection: a UDP SETUP that would hold more server ports is answered 453; interleaved SETUPs need none.</summary>
[Category("Integration")]
public class RtpPortsPerConnectionTests
{
    [Test]
    public async Task A_udp_setup_beyond_the_port_limit_gets_453_while_interleaved_still_works()
    {
        await using var server = await ServerProcess.StartAsync("--max-rtp-ports-per-connection", "2", "--max-sessions-per-connection", "8");
        string track = server.Url("sample.mjpeg/stream=0");
        using var receiverA = RtpReceiver.Create();
        using var receiverB = RtpReceiver.Create();
        await using var client = await RtspTestClient.ConnectAsync(server.BaseUrl);

        var first = await client.SetupUdpAsync(track, receiverA);
        first.StatusCode.Should().Be(200, "one RTP/RTCP pair is within 2 ports");

        (await client.SetupUdpAsync(track, receiverB)).StatusCode.Should().Be(453);
        (await RtpReceiver.WaitForAsync(() => server.StandardError.Contains("limit --max-rtp-ports-per-connection 2 reached", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("one log line names the limit: " + server.StandardError);
        server.StandardError.Should().MatchRegex(@"127\.0\.0\.1:\d+: limit --max-rtp-ports-per-connection 2 reached: SETUP answered 453.*raise --max-rtp-ports-per-connection");

        (await client.SetupTcpAsync(track, channel: 0)).StatusCode.Should().Be(200, "an interleaved session holds no UDP port");

        (await client.TeardownAsync(track, RtspTestClient.SessionId(first))).StatusCode.Should().Be(200);
        (await client.SetupUdpAsync(track, receiverB)).StatusCode.Should().Be(200, "TEARDOWN gave the pair back");
    }
}
