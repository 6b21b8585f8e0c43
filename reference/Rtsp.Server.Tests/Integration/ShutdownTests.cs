using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Integration;

[Category("Integration")]
public class ShutdownTests
{
    [Test]
    public async Task Sigterm_ends_sessions_with_BYE_and_exits_0()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var playback = await Playback.SetUpAsync(server);
        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        (await playback.Receiver.WaitForRtpAsync(20, TimeSpan.FromSeconds(5))).Should().BeTrue();

        int exit = await server.TerminateAsync(TimeSpan.FromSeconds(15));
        exit.Should().Be(0, server.StandardError);
        (await RtpReceiver.WaitForAsync(
            () => RtpCapture.Goodbyes(playback.Receiver) > 0,
            TimeSpan.FromSeconds(2))).Should().BeTrue("shutdown says BYE to every session");
        server.StandardError.Should().Contain("shutting down").And.MatchRegex(@"pacer: [1-9]\d* frame deadlines served");
    }
}
