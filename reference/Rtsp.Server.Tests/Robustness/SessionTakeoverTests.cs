using System.Net;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// A session belongs to the client address that set it up. A request naming it from another address gets 454 and
/// changes nothing: the stream goes on, to where its own SETUP said (known failure elsewhere: any connection that
/// knows a session id can tear it down or redirect it). Another connection from the same address may use it:
/// RFC 2326 lets a session span connections. The attacker binds 127.0.0.2 (Linux routes all of 127/8 to lo).
/// </summary>
public class SessionTakeoverTests : RobustnessTest
{
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");

    private static string Healthy => Server.Url("healthy.mjpeg/");

    [Test]
    public async Task A_UDP_session_named_from_another_address_gets_454_and_keeps_streaming_to_its_owner()
    {
        await using var victim = await Playback.SetUpAsync(Server, "healthy.mjpeg");
        (await victim.PlayAsync()).StatusCode.Should().Be(200);
        (await victim.Receiver.WaitForRtpAsync(20, TimeSpan.FromSeconds(5))).Should().BeTrue();

        using var attackerPorts = new MediaSink();
        await using var attacker = await RtspTestClient.ConnectAsync(Server.BaseUrl, Attacker);
        var attacks = new (string Method, string Uri, (string, string)[] Headers)[]
        {
            ("SETUP", victim.TrackUrl, [("Session", victim.Session), ("Transport", $"RTP/AVP;unicast;client_port={attackerPorts.Ports}")]),
            ("SETUP", victim.TrackUrl, [("Session", victim.Session), ("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")]),
            ("PLAY", victim.Url, [("Session", victim.Session), ("Range", "npt=0-")]),
            ("PAUSE", victim.Url, [("Session", victim.Session)]),
            ("GET_PARAMETER", victim.Url, [("Session", victim.Session)]),
            ("SET_PARAMETER", victim.Url, [("Session", victim.Session)]),
            ("TEARDOWN", victim.Url, [("Session", victim.Session)]),
        };
        foreach (var (method, uri, headers) in attacks)
            (await attacker.SendAsync(method, uri, headers)).StatusCode.Should().Be(454, $"{method} from {Attacker} names someone else's session");
        // The same session id with a destination pointing at the victim: refused before the id is even looked at.
        var reflect = await attacker.SendAsync("SETUP", victim.TrackUrl, ("Transport", $"RTP/AVP;unicast;destination=127.0.0.1;client_port={victim.Receiver.RtpPort}-{victim.Receiver.RtcpPort}"));
        reflect.StatusCode.Should().Be(403);

        int before = victim.Receiver.Rtp.Count;
        (await victim.Receiver.WaitForRtpAsync(before + 50, TimeSpan.FromSeconds(5))).Should().BeTrue("the victim's stream goes on after the attack");
        var packets = victim.Packets();
        WireAnalysis.SequenceSteps(packets).Should().OnlyContain(step => step == 1, "no packet lost, no restart");
        WireAnalysis.TimestampSteps(RtpCapture.Frames(packets)).Should().OnlyContain(step => step == 3600, "no seek back to 0, no pause");
        attackerPorts.QueuedBytes.Should().Be(0, "media never goes where the session's own SETUP did not say");
        (await victim.PauseAsync()).StatusCode.Should().Be(200, "the owner still controls its session");
    }

    [Test]
    public async Task A_TCP_session_named_from_another_address_gets_454_and_keeps_streaming()
    {
        await using var victim = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        var setup = await victim.SetupTcpAsync(Healthy + "stream=0");
        string session = RtspTestClient.SessionId(setup);
        (await victim.PlayAsync(Healthy, session)).StatusCode.Should().Be(200);

        await using var attacker = await RtspTestClient.ConnectAsync(Server.BaseUrl, Attacker);
        (await attacker.SendAsync("SETUP", Healthy + "stream=0", ("Session", session), ("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1"))).StatusCode.Should().Be(454);
        (await attacker.SendAsync("PAUSE", Healthy, ("Session", session))).StatusCode.Should().Be(454);
        (await attacker.SendAsync("TEARDOWN", Healthy, ("Session", session))).StatusCode.Should().Be(454);
        int before = victim.Interleaved.Count;
        (await RtpReceiver.WaitForAsync(() => victim.Interleaved.Count > before + 50, TimeSpan.FromSeconds(5))).Should().BeTrue("the stream goes on");
        attacker.Interleaved.Should().BeEmpty("no media on the attacker's connection");
        (await victim.TeardownAsync(Healthy, session)).StatusCode.Should().Be(200);
    }

    [Test]
    public async Task Another_connection_from_the_same_address_may_use_the_session()
    {
        await using var owner = await Playback.SetUpAsync(Server, "healthy.mjpeg");
        (await owner.PlayAsync()).StatusCode.Should().Be(200);
        await using var second = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        (await second.PauseAsync(owner.Url, owner.Session)).StatusCode.Should().Be(200, "RFC 2326 allows a session to span connections");
        (await owner.PlayAsync()).StatusCode.Should().Be(200);
        (await second.TeardownAsync(owner.Url, owner.Session)).StatusCode.Should().Be(200);
        (await owner.PlayAsync()).StatusCode.Should().Be(454, "the session is gone for everyone");
    }
}
