using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtcp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// TEARDOWN, the session timeout and a closed TCP connection free everything a session held: its server UDP port
/// pair (checked from outside in /proc: no socket of the server on those ports, and the ports bind again) and its
/// place in the session table. RTCP from a third party does not keep someone else's session alive. A server of its
/// own with a 2 s session timeout, so expiry takes seconds.
/// </summary>
public class ResourceReleaseTests : RobustnessTest
{
    private ServerProcess _server = null!;

    [OneTimeSetUp]
    public async Task Start() => _server = await ServerProcess.StartAsync("--session-timeout", "2", "--log-level", "Warning");

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private string Clip => _server.Url("sample.mjpeg/");

    [Test]
    public async Task Teardown_closes_the_server_ports_of_every_session()
    {
        var before = ServerUdpSockets.Ports(_server.Pid);
        using var sink = new MediaSink();
        // Five connections of ten sessions: within --max-sessions-per-connection and --max-rtp-ports-per-connection.
        var clients = new List<RtspTestClient>();
        var sessions = new List<(RtspTestClient Client, string Id, int Port)>();
        try
        {
            for (int c = 0; c < 5; c++)
            {
                var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
                clients.Add(client);
                for (int i = 0; i < 10; i++)
                {
                    var setup = await client.SendAsync("SETUP", Clip + "stream=0", ("Transport", $"RTP/AVP;unicast;client_port={sink.Ports}"));
                    var id = RtspTestClient.SessionId(setup);
                    (await client.PlayAsync(Clip, id)).StatusCode.Should().Be(200);
                    sessions.Add((client, id, TransportHeader.Parse(setup.Headers.Get("Transport")!).Specs[0].ServerPort!.Value.Low));
                }
            }
            await AssertTeardownFreesPortsAsync(before, sessions);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }

    private async Task AssertTeardownFreesPortsAsync(HashSet<int> before, List<(RtspTestClient Client, string Id, int Port)> sessions)
    {
        var open = ServerUdpSockets.Ports(_server.Pid);
        foreach (var (_, _, port) in sessions)
            open.Should().Contain([port, port + 1], "a playing session holds its port pair");

        foreach (var (client, id, _) in sessions)
            (await client.TeardownAsync(Clip, id)).StatusCode.Should().Be(200);
        var ports = sessions.SelectMany(s => new[] { s.Port, s.Port + 1 }).ToList();
        (await RtpReceiver.WaitForAsync(() => !ServerUdpSockets.Ports(_server.Pid).Overlaps(ports), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("TEARDOWN closes both sockets of every session");
        ServerUdpSockets.Ports(_server.Pid).Should().BeSubsetOf(before);
        BindsAgain(sessions[0].Port).Should().BeTrue();
        await using var counter = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        (await counter.CountSessionsAsync(Clip)).Should().Be(0);
    }

    [Test]
    public async Task The_session_timeout_frees_the_ports_even_while_a_third_party_sends_RTCP()
    {
        await using var playback = await Playback.SetUpAsync(_server);
        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        var transport = TransportHeader.Parse(playback.Setup.Headers.Get("Transport")!).Specs[0];
        int port = transport.ServerPort!.Value.Low;
        ServerUdpSockets.Ports(_server.Pid).Should().Contain(port);

        // Receiver reports for the session's SSRC, from 127.0.0.2: they must not renew someone else's session.
        using var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        stranger.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        var report = RtcpCompoundPacket.Serialize([
            new RtcpReceiverReport { Ssrc = 0x5EED, ReportBlocks = [new RtcpReportBlock { Ssrc = transport.Ssrc!.Value }] },
            RtcpSourceDescription.ForCname(0x5EED, "stranger")]);
        var watch = Stopwatch.StartNew();
        bool freed = false;
        while (watch.Elapsed < TimeSpan.FromSeconds(8) && !freed)
        {
            stranger.SendTo(report, new IPEndPoint(IPAddress.Loopback, port + 1));
            await Task.Delay(250);
            freed = !ServerUdpSockets.Ports(_server.Pid).Overlaps([port, port + 1]);
        }
        await TestContext.Out.WriteLineAsync($"ports freed after {watch.Elapsed.TotalSeconds:0.0} s (timeout 2 s, reaper every 0.5 s)");
        freed.Should().BeTrue("the session expires and closes its sockets");
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1.5), "not before its timeout");
        BindsAgain(port).Should().BeTrue();
        await using var other = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        (await other.PlayAsync(playback.Url, playback.Session)).StatusCode.Should().Be(454);
    }

    [Test]
    public async Task Closing_the_connection_ends_its_interleaved_sessions()
    {
        await using var counter = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        int before = await counter.CountSessionsAsync(Clip);
        var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        for (int channel = 0; channel < 6; channel += 2)
        {
            var setup = await client.SetupTcpAsync(Clip + "stream=0", channel);
            (await client.PlayAsync(Clip, RtspTestClient.SessionId(setup))).StatusCode.Should().Be(200);
        }
        (await counter.CountSessionsAsync(Clip)).Should().Be(before + 3);
        await client.DisposeAsync();
        var watch = Stopwatch.StartNew();
        while (await counter.CountSessionsAsync(Clip) != before && watch.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(50);
        (await counter.CountSessionsAsync(Clip)).Should().Be(before, "the sessions end with their connection");
    }

    private static bool BindsAgain(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
