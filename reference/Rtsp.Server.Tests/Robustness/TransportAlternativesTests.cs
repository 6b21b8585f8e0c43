using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// A Transport list (RFC 2326 12.39, alternatives in the client's order of preference) with alternatives naming a
/// lower transport or profile this server does not serve: they are skipped, the first usable one is set up, and
/// when none is usable the answer is 461 Unsupported Transport (11.3.12) — what clients rely on to fall back, and
/// what GStreamer and VLC answer. Before, an unknown lower transport anywhere in the list made the whole SETUP a 400.
/// A header that breaks the grammar is still a 400.
/// </summary>
public class TransportAlternativesTests : RobustnessTest
{
    [TestCase("RTP/AVP/SCTP;unicast;client_port={0}")]
    [TestCase("RTP/AVP/DCCP;unicast;client_port={0}")]
    [TestCase("RTP/SAVP/FOO;unicast;client_port={0}")]
    [TestCase("RTP/SAVP;unicast;client_port={0}")]
    [TestCase("RTP/AVP/SCTP;unicast;client_port={0},RTP/AVP/DCCP;unicast,RTP/SAVP/FOO")]
    public async Task Only_unusable_alternatives_get_461(string transport)
    {
        using var sink = new MediaSink();
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        var response = await client.SendAsync("SETUP", SampleTrack, ("Transport", string.Format(transport, sink.Ports)));
        response.StatusCode.Should().Be(461);
        response.Headers.Get("Session").Should().BeNull("nothing was set up");
    }

    [TestCase("RTP/AVP/SCTP;unicast;client_port={0}, RTP/AVP;unicast;client_port={0}", "RTP/AVP;")]
    [TestCase("RTP/SAVP/FOO;unicast, RTP/AVP/DCCP, RTP/AVP/UDP;unicast;client_port={0}", "RTP/AVP;")]
    [TestCase("RTP/AVP/DCCP;unicast;client_port={0},RTP/AVP/TCP;unicast;interleaved=0-1", "RTP/AVP/TCP;")]
    public async Task Unusable_alternatives_are_skipped_for_the_first_usable_one(string transport, string chosen)
    {
        using var sink = new MediaSink();
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        var response = await client.SendAsync("SETUP", SampleTrack, ("Transport", string.Format(transport, sink.Ports)));
        response.StatusCode.Should().Be(200);
        response.Headers.Get("Transport").Should().StartWith(chosen);
        (await client.TeardownAsync(Sample, RtspTestClient.SessionId(response))).StatusCode.Should().Be(200);
    }

    [TestCase("RTP/AVP/SCTP/X;unicast")]
    [TestCase("RTP/AVP/SC TP;unicast")]
    [TestCase("RTP/AVP/SCTP;unicast;a b=1")]
    [TestCase("RTP/AVP/SCTP;unicast, RTP")]
    [TestCase("RTP/AVP/SCTP;unicast, ;;")]
    public async Task A_broken_header_is_still_400(string transport)
    {
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        var response = await client.SendAsync("SETUP", SampleTrack, ("Transport", transport));
        response.StatusCode.Should().Be(400);
    }
}
