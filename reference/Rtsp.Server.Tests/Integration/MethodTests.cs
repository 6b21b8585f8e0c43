using System.Text;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Sdp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Integration;

/// <summary>What each method answers when used right (RFC 2326 section 10).</summary>
[Category("Integration")]
public class MethodTests
{
    private ServerProcess _server = null!;

    [OneTimeSetUp]
    public async Task Start() => _server = await SharedServer.GetAsync();

    [Test]
    public async Task Options_lists_the_methods_and_echoes_CSeq()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var response = await client.SendAsync("OPTIONS", "*", ("CSeq", "17"));
        response.StatusCode.Should().Be(200);
        response.Headers.Get("CSeq").Should().Be("17");
        PublicHeader.Parse(response.Headers.Get("Public")!).Methods.Should()
            .BeEquivalentTo(["OPTIONS", "DESCRIBE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER", "SET_PARAMETER"]);
    }

    [Test]
    public async Task Describe_returns_the_SDP_of_the_sample_with_content_headers()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var response = await client.DescribeAsync(_server.Url("sample.mjpeg"));
        response.StatusCode.Should().Be(200);
        response.Headers.Get("Content-Type").Should().Be("application/sdp");
        response.Headers.Get("Content-Base").Should().Be(_server.Url("sample.mjpeg/"));
        int.Parse(response.Headers.Get("Content-Length")!).Should().Be(response.Body.Length);
        var sdp = SessionDescription.Parse(Encoding.UTF8.GetString(response.Body));
        sdp.Control.Should().Be("*");
        var video = sdp.Media.Should().ContainSingle().Subject;
        video.Type.Should().Be("video");
        video.Formats.Should().Equal("26");
        video.RtpMaps[26].ToString().Should().Be("JPEG/90000");
        video.FrameRate.Should().Be(25);
        video.Control.Should().Be("stream=0");
        video.RangeAttribute.Should().Be("npt=0-10");
    }

    [Test]
    public async Task Describe_of_the_live_pattern_says_npt_now()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var response = await client.DescribeAsync(_server.Url("live/pattern"));
        response.StatusCode.Should().Be(200);
        var sdp = SessionDescription.Parse(Encoding.UTF8.GetString(response.Body));
        sdp.Media[0].RangeAttribute.Should().Be("npt=now-");
    }

    [Test]
    public async Task Setup_udp_echoes_client_port_and_gives_an_even_odd_server_pair_and_the_ssrc_it_sends_with()
    {
        await using var playback = await Playback.SetUpAsync(_server);
        var transport = TransportHeader.Parse(playback.Setup.Headers.Get("Transport")!).Specs.Single();
        transport.LowerTransport.Should().Be(LowerTransport.Udp);
        transport.Unicast.Should().BeTrue();
        transport.ClientPort.Should().Be(new PortRange(playback.Receiver.RtpPort, playback.Receiver.RtcpPort));
        var serverPort = transport.ServerPort!.Value;
        (serverPort.Low % 2).Should().Be(0);
        serverPort.High.Should().Be(serverPort.Low + 1);
        transport.Ssrc.Should().NotBeNull();
        var session = SessionHeader.Parse(playback.Setup.Headers.Get("Session")!);
        session.TimeoutSeconds.Should().Be(60);
        session.Id.Length.Should().BeGreaterThanOrEqualTo(32, "128 random bits");

        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        (await playback.Receiver.WaitForRtpAsync(5, TimeSpan.FromSeconds(5))).Should().BeTrue();
        playback.Packets().Should().OnlyContain(p => p.Packet.Ssrc == transport.Ssrc && p.Packet.PayloadType == 26 && p.Packet.Version == 2);
    }

    [TestCase(4)]
    [TestCase(null)]
    public async Task Setup_tcp_honours_the_interleaved_channels_or_assigns_them(int? channel)
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var setup = await client.SetupTcpAsync(_server.Url("sample.mjpeg/stream=0"), channel);
        setup.StatusCode.Should().Be(200);
        var transport = TransportHeader.Parse(setup.Headers.Get("Transport")!).Specs.Single();
        transport.LowerTransport.Should().Be(LowerTransport.Tcp);
        int expected = channel ?? 0;
        transport.Interleaved.Should().Be(new ChannelRange(expected, expected + 1));
        string session = RtspTestClient.SessionId(setup);
        (await client.PlayAsync(_server.Url("sample.mjpeg/"), session)).StatusCode.Should().Be(200);
        (await RtpReceiver.WaitForAsync(() => client.Interleaved.Count >= 5, TimeSpan.FromSeconds(5))).Should().BeTrue();
        client.Interleaved.Should().OnlyContain(f => f.Frame.Channel == expected || f.Frame.Channel == expected + 1);
        (await client.TeardownAsync(_server.Url("sample.mjpeg/"), session)).StatusCode.Should().Be(200);
    }

    [Test]
    public async Task Initial_sequence_timestamp_and_ssrc_differ_between_sessions()
    {
        var firsts = new List<(ushort Seq, uint Ts, uint Ssrc)>();
        for (int i = 0; i < 3; i++)
        {
            await using var playback = await Playback.SetUpAsync(_server);
            (await playback.PlayAsync()).StatusCode.Should().Be(200);
            (await playback.Receiver.WaitForRtpAsync(1, TimeSpan.FromSeconds(5))).Should().BeTrue();
            var first = playback.Packets()[0];
            firsts.Add((first.Seq, first.Timestamp, first.Packet.Ssrc));
        }
        firsts.Select(f => f.Ssrc).Should().OnlyHaveUniqueItems();
        firsts.Select(f => f.Ts).Should().OnlyHaveUniqueItems();
        firsts.Select(f => f.Seq).Distinct().Count().Should().BeGreaterThan(1);
    }

    [Test]
    public async Task Get_parameter_sessions_counts_the_sessions_and_keep_alives_answer_200()
    {
        await using var admin = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        int before = await admin.CountSessionsAsync(_server.BaseUrl);
        var response = await admin.SendAsync("GET_PARAMETER", "*", "sessions\r\n");
        response.Headers.Get("Content-Type").Should().Be("text/parameters");
        await using (var playback = await Playback.SetUpAsync(_server))
        {
            (await admin.CountSessionsAsync(_server.BaseUrl)).Should().Be(before + 1);
            (await playback.Client.SendAsync("GET_PARAMETER", playback.Url, ("Session", playback.Session))).StatusCode.Should().Be(200);
            (await playback.Client.SendAsync("SET_PARAMETER", playback.Url, ("Session", playback.Session))).StatusCode.Should().Be(200);
            (await playback.Client.SendAsync("SET_PARAMETER", playback.Url, "volume: 3\r\n", ("Session", playback.Session))).StatusCode.Should().Be(451);
        }
        (await admin.CountSessionsAsync(_server.BaseUrl)).Should().Be(before, "TEARDOWN removed the session");
    }
}
