using System.Diagnostics;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Limits;

/// <summary>--idle-timeout: a silent connection is closed after it, one that keeps talking is not.</summary>
[Category("Integration")]
public class IdleTimeoutTests
{
    [Test]
    public async Task A_silent_connection_is_closed_after_the_idle_timeout_and_a_talking_one_stays()
    {
        await using var server = await ServerProcess.StartAsync("--idle-timeout", "2");
        await using var silent = await RtspTestClient.ConnectAsync(server.BaseUrl);
        await using var talking = await RtspTestClient.ConnectAsync(server.BaseUrl);
        (await silent.SendAsync(RtspMethods.Options, server.BaseUrl)).StatusCode.Should().Be(200);
        var quiet = Stopwatch.StartNew();

        // 2.8 s of requests 0.7 s apart: longer than the timeout, never 2 s silent.
        for (int i = 0; i < 4; i++)
        {
            (await talking.SendAsync(RtspMethods.Options, server.BaseUrl)).StatusCode.Should().Be(200);
            await Task.Delay(700);
        }

        (await RtpReceiver.WaitForAsync(() => silent.ServerClosed, TimeSpan.FromSeconds(6))).Should().BeTrue("2 s of silence closes the connection");
        quiet.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1.5), "not before the timeout");
        talking.ServerClosed.Should().BeFalse("requests keep a connection open");
        (await talking.SendAsync(RtspMethods.Options, server.BaseUrl)).StatusCode.Should().Be(200);
        server.StandardError.Should().Contain("idle for 00:00:02, closing (--idle-timeout to change)");
    }
}
