using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// Transport and Range values are validated before any port is bound or packet sent: client_port 0, reversed,
/// above 65535 or malformed get 400 (461 would claim the transport is unsupported; it is the value that is wrong);
/// interleaved channels outside 0-255 get 400; a destination other than the requester gets 403 (RFC 2326 15: no
/// traffic to third parties); a Range outside the media gets 457.
/// </summary>
public class TransportValidationTests : RobustnessTest
{
    [TestCase("client_port=0")]
    [TestCase("client_port=0-1")]
    [TestCase("client_port=5001-5000")]
    [TestCase("client_port=70000-70001")]
    [TestCase("client_port=65535-65536")]
    [TestCase("client_port=abc")]
    [TestCase("client_port=-5000")]
    [TestCase("client_port=5000-5001-5002")]
    [TestCase("client_port=")]
    [TestCase("client_port=5000-5003")]
    public async Task A_bad_client_port_gets_400_or_461(string parameter)
    {
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        var response = await client.SendAsync("SETUP", SampleTrack, ("Transport", "RTP/AVP;unicast;" + parameter));
        response.StatusCode.Should().BeOneOf(400, 461);
        response.Headers.Get("Session").Should().BeNull("nothing was set up");
    }

    [TestCase("interleaved=256-257")]
    [TestCase("interleaved=255-256")]
    [TestCase("interleaved=300")]
    [TestCase("interleaved=-1-0")]
    [TestCase("interleaved=0-70000")]
    [TestCase("interleaved=a-b")]
    [TestCase("interleaved=1-0")]
    public async Task Interleaved_channels_outside_0_to_255_get_400(string parameter)
    {
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        var response = await client.SendAsync("SETUP", SampleTrack, ("Transport", "RTP/AVP/TCP;unicast;" + parameter));
        response.StatusCode.Should().Be(400);
    }

    [TestCase("192.0.2.7")]
    [TestCase("127.0.0.2")]
    [TestCase("localhost")]
    [TestCase("255.255.255.255")]
    public async Task A_destination_other_than_the_requester_gets_403(string destination)
    {
        using var sink = new MediaSink();
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        var response = await client.SendAsync("SETUP", SampleTrack, ("Transport", $"RTP/AVP;unicast;destination={destination};client_port={sink.Ports}"));
        response.StatusCode.Should().Be(403);
    }

    [TestCase("npt=10-")]
    [TestCase("npt=11-")]
    [TestCase("npt=5-20")]
    [TestCase("npt=100-200")]
    [TestCase("clock=19961108T143720.25Z-")]
    [TestCase("smpte=0:10:00-")]
    public async Task A_range_outside_the_media_gets_457(string range)
    {
        using var sink = new MediaSink();
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        var setup = await client.SendAsync("SETUP", SampleTrack, ("Transport", $"RTP/AVP;unicast;client_port={sink.Ports}"));
        string session = RtspTestClient.SessionId(setup);
        (await client.PlayAsync(Sample, session, range)).StatusCode.Should().Be(457, "the sample clip is 10 s long");
        (await client.PlayAsync(Sample, session, "npt=9-")).StatusCode.Should().Be(200, "a range inside the media still plays");
        (await client.TeardownAsync(Sample, session)).StatusCode.Should().Be(200);
    }
}
