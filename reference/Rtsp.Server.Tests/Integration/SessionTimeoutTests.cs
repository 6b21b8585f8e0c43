using System.Net;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtcp;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Integration;

/// <summary>RFC 2326 12.37: an idle session dies after its timeout; any request or an RTCP receiver report renews it.</summary>
[Category("Integration")]
public class SessionTimeoutTests
{
    private ServerProcess _server = null!;

    [OneTimeSetUp]
    public async Task Start() => _server = await ServerProcess.StartAsync("--session-timeout", "2");

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task An_idle_session_expires_and_its_timeout_is_announced()
    {
        await using var playback = await Playback.SetUpAsync(_server);
        SessionHeader.Parse(playback.Setup.Headers.Get("Session")!).TimeoutSeconds.Should().Be(2);
        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        await Task.Delay(3500);
        // The idle RTSP connection is closed too (its idle limit is the session timeout): ask on a new one.
        await using var other = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        (await other.PlayAsync(playback.Url, playback.Session)).StatusCode.Should().Be(454);
        (await RtpReceiver.WaitForAsync(
            () => RtpCapture.Goodbyes(playback.Receiver) > 0,
            TimeSpan.FromSeconds(2))).Should().BeTrue("an expired session says BYE");
    }

    [Test]
    public async Task Get_parameter_keeps_a_session_alive()
    {
        await using var playback = await Playback.SetUpAsync(_server);
        for (int i = 0; i < 5; i++)
        {
            await Task.Delay(900);
            (await playback.Client.SendAsync("GET_PARAMETER", playback.Url, ("Session", playback.Session))).StatusCode.Should().Be(200);
        }
        (await playback.PlayAsync()).StatusCode.Should().Be(200, "4.5 s of keep-alives outlive a 2 s timeout");
    }

    [Test]
    public async Task Rtcp_receiver_reports_keep_a_session_alive()
    {
        await using var playback = await Playback.SetUpAsync(_server);
        var transport = TransportHeader.Parse(playback.Setup.Headers.Get("Transport")!).Specs[0];
        var serverRtcp = new IPEndPoint(IPAddress.Loopback, transport.ServerPort!.Value.High!.Value);
        for (int i = 0; i < 5; i++)
        {
            var report = new RtcpReceiverReport { Ssrc = 0x1234_5678, ReportBlocks = [new RtcpReportBlock { Ssrc = transport.Ssrc!.Value }] };
            playback.Receiver.SendRtcp(RtcpCompoundPacket.Serialize([report, RtcpSourceDescription.ForCname(0x1234_5678, "test")]), serverRtcp);
            await Task.Delay(900);
        }
        await using var other = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        (await other.PlayAsync(playback.Url, playback.Session)).StatusCode.Should().Be(200, "receiver reports renewed the session without any RTSP request");
    }

    [Test]
    public async Task Interleaved_receiver_reports_keep_a_tcp_session_alive_and_frames_on_other_channels_do_not()
    {
        await using var server = await ServerProcess.StartAsync("--session-timeout", "2");
        await using var client = await RtspTestClient.ConnectAsync(server.BaseUrl);
        string url = server.Url("sample.mjpeg/");
        var setup = await client.SetupTcpAsync(url + "stream=0", channel: 4);
        setup.StatusCode.Should().Be(200);
        string session = RtspTestClient.SessionId(setup);
        uint ssrc = TransportHeader.Parse(setup.Headers.Get("Transport")!).Specs[0].Ssrc!.Value;
        byte[] report = RtcpCompoundPacket.Serialize([
            new RtcpReceiverReport { Ssrc = 0x1234_5678, ReportBlocks = [new RtcpReportBlock { Ssrc = ssrc }] },
            RtcpSourceDescription.ForCname(0x1234_5678, "test")]);

        // The same reports on a channel that is not the session's RTCP channel (5) renew nothing: the connection
        // stays busy, so only the session timeout can end the session.
        for (int i = 0; i < 4; i++)
        {
            await client.WriteAsync(InterleavedFrame.Encode(7, report));
            await Task.Delay(900);
        }
        (await client.PlayAsync(url, session)).StatusCode.Should().Be(454, "3.6 s without a request or an RTCP report on channel 5 outlive a 2 s timeout");

        setup = await client.SetupTcpAsync(url + "stream=0", channel: 4);
        session = RtspTestClient.SessionId(setup);
        var transport = TransportHeader.Parse(setup.Headers.Get("Transport")!).Specs[0];
        ssrc = transport.Ssrc!.Value;
        report = RtcpCompoundPacket.Serialize([
            new RtcpReceiverReport { Ssrc = 0x1234_5678, ReportBlocks = [new RtcpReportBlock { Ssrc = ssrc }] },
            RtcpSourceDescription.ForCname(0x1234_5678, "test")]);
        for (int i = 0; i < 5; i++)
        {
            await client.WriteAsync(InterleavedFrame.Encode((byte)transport.Interleaved!.Value.High!.Value, report));
            await Task.Delay(900);
        }
        (await client.PlayAsync(url, session)).StatusCode.Should().Be(200, "receiver reports on the session's RTCP channel (the odd one of its pair) renewed it without any RTSP request");
    }
}
