using Rtsp.Protocol.Headers;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Integration;

/// <summary>One test per error status the server gives, each with the request that earns it.</summary>
[Category("Integration")]
public class StatusCodeTests
{
    private ServerProcess _server = null!;

    [OneTimeSetUp]
    public async Task Start() => _server = await SharedServer.GetAsync();

    private string Sample => _server.Url("sample.mjpeg/");

    private string Track => _server.Url("sample.mjpeg/stream=0");

    [Test]
    public async Task Status_400_for_a_request_without_CSeq()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var response = await client.SendRawAsync($"OPTIONS {_server.BaseUrl} RTSP/1.0\r\nUser-Agent: test\r\n\r\n");
        response.StatusCode.Should().Be(400);
    }

    [TestCase("RTP/AVP;unicast;client_port=0-1")]
    [TestCase("RTP/AVP;unicast;client_port=5001-5000")]
    [TestCase("RTP/AVP;unicast;client_port=abc")]
    [TestCase("RTP/AVP;unicast;client_port=5000-5003")]
    public async Task Status_400_for_a_malformed_client_port(string transport)
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var response = await client.SendAsync("SETUP", Track, ("Transport", transport));
        response.StatusCode.Should().Be(400);
    }

    [TestCase("npt=2-1")]
    [TestCase("npt=abc-")]
    public async Task Status_400_for_a_malformed_range(string range)
    {
        await using var playback = await Playback.SetUpAsync(_server);
        (await playback.PlayAsync(range)).StatusCode.Should().Be(400);
    }

    [Test]
    public async Task Status_401_without_credentials_then_200_with_Basic_or_Digest()
    {
        await using var server = await ServerProcess.StartAsync("--user", "alice", "--password", "s3cret");
        string url = server.Url("sample.mjpeg");
        await using var client = await RtspTestClient.ConnectAsync(server.BaseUrl);
        (await client.SendAsync("OPTIONS", url)).StatusCode.Should().Be(200, "OPTIONS needs no credentials");

        var challenge = await client.DescribeAsync(url);
        challenge.StatusCode.Should().Be(401);
        var offers = challenge.Headers.GetAll("WWW-Authenticate").Select(WwwAuthenticateHeader.Parse).ToList();
        offers.Select(o => o.Scheme).Should().Equal("Digest", "Basic");

        var basic = AuthorizationHeader.Basic("alice", "s3cret").ToString();
        (await client.SendAsync("DESCRIBE", url, ("Authorization", basic))).StatusCode.Should().Be(200);
        var wrong = AuthorizationHeader.Basic("alice", "guess").ToString();
        (await client.SendAsync("DESCRIBE", url, ("Authorization", wrong))).StatusCode.Should().Be(401);

        var digest = DigestAuthenticator.CreateAuthorization(offers[0], "alice", "s3cret", "DESCRIBE", url).ToString();
        (await client.SendAsync("DESCRIBE", url, ("Authorization", digest))).StatusCode.Should().Be(200);
        var badDigest = DigestAuthenticator.CreateAuthorization(offers[0], "alice", "nope", "DESCRIBE", url).ToString();
        (await client.SendAsync("DESCRIBE", url, ("Authorization", badDigest))).StatusCode.Should().Be(401);
    }

    [Test]
    public async Task Status_403_for_a_destination_other_than_the_requester()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var response = await client.SendAsync("SETUP", Track, ("Transport", "RTP/AVP;unicast;destination=192.0.2.7;client_port=40000-40001"));
        response.StatusCode.Should().Be(403);
        var own = await client.SendAsync("SETUP", Track, ("Transport", "RTP/AVP;unicast;destination=127.0.0.1;client_port=40000-40001"));
        own.StatusCode.Should().Be(200, "the requester's own address is fine");
        await client.TeardownAsync(Sample, RtspTestClient.SessionId(own));
    }

    [TestCase("sample")]
    [TestCase("nothing/here.mjpeg")]
    public async Task Status_404_for_an_unknown_path(string path)
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        (await client.DescribeAsync(_server.Url(path))).StatusCode.Should().Be(404);
        (await client.SendAsync("SETUP", _server.Url(path + "/stream=0"), ("Transport", "RTP/AVP/TCP;interleaved=0-1"))).StatusCode.Should().Be(404);
    }

    [TestCase("RECORD")]
    [TestCase("ANNOUNCE")]
    public async Task Status_405_for_methods_the_server_never_allows(string method)
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var response = await client.SendAsync(method, Sample);
        response.StatusCode.Should().Be(405);
        response.Headers.Get("Allow").Should().Contain("PLAY");
    }

    [Test]
    public async Task Status_454_for_an_unknown_session()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        (await client.PlayAsync(Sample, "0123456789abcdef0123456789abcdef")).StatusCode.Should().Be(454);
        (await client.PauseAsync(Sample, "nosuchsession")).StatusCode.Should().Be(454);
        (await client.TeardownAsync(Sample, "nosuchsession")).StatusCode.Should().Be(454);
        (await client.SendAsync("GET_PARAMETER", Sample, ("Session", "nosuchsession"))).StatusCode.Should().Be(454);
    }

    [Test]
    public async Task Status_455_for_play_before_setup_and_setup_while_playing()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        (await client.SendAsync("PLAY", Sample)).StatusCode.Should().Be(455);
        (await client.SendAsync("PAUSE", Sample)).StatusCode.Should().Be(455);
        await using var playback = await Playback.SetUpAsync(_server);
        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        var again = await playback.Client.SetupUdpAsync(playback.TrackUrl, playback.Receiver, playback.Session);
        again.StatusCode.Should().Be(455);
    }

    [TestCase("sample.mjpeg", "npt=20-")]
    [TestCase("sample.mjpeg", "npt=10-")]
    [TestCase("sample.mjpeg", "smpte=0:00:05-")]
    [TestCase("live/pattern", "npt=5-")]
    public async Task Status_457_for_a_range_outside_the_media(string path, string range)
    {
        await using var playback = await Playback.SetUpAsync(_server, path);
        (await playback.PlayAsync(range)).StatusCode.Should().Be(457);
        (await playback.PlayAsync()).StatusCode.Should().Be(200, "the session is still usable");
    }

    [Test]
    public async Task Status_459_for_setup_on_the_aggregate_url()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var response = await client.SendAsync("SETUP", Sample, ("Transport", "RTP/AVP/TCP;interleaved=0-1"));
        response.StatusCode.Should().Be(459);
    }

    [TestCase("RTP/AVP;multicast;port=5000-5001")]
    [TestCase("RTP/SAVP;unicast;client_port=40000-40001")]
    [TestCase("RTP/AVP;unicast;client_port=40000-40001;mode=RECORD")]
    [TestCase("RTP/AVP;unicast")]
    [TestCase("RAW/RAW/UDP;unicast;client_port=40000-40001")]
    public async Task Status_461_for_a_transport_the_server_cannot_do(string transport)
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        (await client.SendAsync("SETUP", Track, ("Transport", transport))).StatusCode.Should().Be(461);
    }

    [Test]
    public async Task Status_501_for_an_unknown_method()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        (await client.SendAsync("FLY", Sample)).StatusCode.Should().Be(501);
    }

    [Test]
    public async Task Status_505_for_another_RTSP_version()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var response = await client.SendRawAsync($"OPTIONS {_server.BaseUrl} RTSP/2.0\r\nCSeq: 1\r\n\r\n");
        response.StatusCode.Should().Be(505);
    }

    [Test]
    public async Task Status_551_for_any_Require_with_Unsupported_naming_it()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var response = await client.SendAsync("DESCRIBE", _server.Url("sample.mjpeg"), ("Require", "funky-feature"));
        response.StatusCode.Should().Be(551);
        response.Headers.Get("Unsupported").Should().Be("funky-feature");
    }

    [Test]
    public async Task Status_503_beyond_max_sessions()
    {
        await using var server = await ServerProcess.StartAsync("--max-sessions", "1");
        await using var first = await Playback.SetUpAsync(server);
        await using var client = await RtspTestClient.ConnectAsync(server.BaseUrl);
        var second = await client.SetupTcpAsync(server.Url("sample.mjpeg/stream=0"));
        second.StatusCode.Should().Be(503);
        second.Headers.Get("Retry-After").Should().Be("5", "RFC 2326 12.31: a 503 says when to try again; sessions end and free their slot");
        await RtpReceiver.WaitForAsync(() => server.StandardError.Contains("limit --max-sessions 1 reached"), TimeSpan.FromSeconds(5));
        server.StandardError.Should().Contain("limit --max-sessions 1 reached", "the log names the option to raise");
    }
}
