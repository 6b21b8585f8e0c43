using Rtsp.Protocol.Rtp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Integration;

/// <summary>Many sessions at once through the one pacer; a stalled TCP reader is dropped without hurting anyone.</summary>
[Category("Integration")]
public class ConcurrencyTests
{
    [Test]
    public async Task Fifty_sessions_half_udp_half_tcp_all_get_every_frame_without_loss()
    {
        var server = await SharedServer.GetAsync();
        var udp = new List<Playback>();
        var tcp = new List<(RtspTestClient Client, string Session)>();
        try
        {
            for (int i = 0; i < 25; i++)
            {
                udp.Add(await Playback.SetUpAsync(server));
                var client = await RtspTestClient.ConnectAsync(server.BaseUrl);
                var setup = await client.SetupTcpAsync(server.Url("sample.mjpeg/stream=0"));
                tcp.Add((client, RtspTestClient.SessionId(setup)));
            }
            foreach (var playback in udp)
                (await playback.PlayAsync()).StatusCode.Should().Be(200);
            foreach (var (client, session) in tcp)
                (await client.PlayAsync(server.Url("sample.mjpeg/"), session)).StatusCode.Should().Be(200);

            // 10 s of media; allow generous slack for a loaded 2-core machine.
            bool done = await RtpReceiver.WaitForAsync(
                () => udp.All(p => Markers(p.Packets()) >= 250) && tcp.All(t => Markers(Interleaved(t.Client)) >= 250),
                TimeSpan.FromSeconds(30));

            var udpFrames = udp.Select(p => Markers(p.Packets())).ToList();
            var tcpFrames = tcp.Select(t => Markers(Interleaved(t.Client))).ToList();
            done.Should().BeTrue($"UDP frames {string.Join(",", udpFrames)}; TCP frames {string.Join(",", tcpFrames)}");
            udpFrames.Should().OnlyContain(n => n == 250);
            tcpFrames.Should().OnlyContain(n => n == 250);
            foreach (var packets in udp.Select(p => p.Packets()).Concat(tcp.Select(t => Interleaved(t.Client))))
                Gaps(packets).Should().Be(0, "no packet lost on loopback");
        }
        finally
        {
            foreach (var playback in udp)
                await playback.DisposeAsync();
            foreach (var (client, _) in tcp)
                await client.DisposeAsync();
        }
    }

    [Test]
    public async Task A_tcp_client_that_stops_reading_is_dropped_and_others_keep_playing()
    {
        await using var server = await ServerProcess.StartAsync("--max-tcp-queue", "64");
        await using var healthy = await Playback.SetUpAsync(server, "live/pattern");
        await using var stalled = await RtspTestClient.ConnectSmallBufferAsync(server.BaseUrl);
        var setup = await stalled.SetupTcpAsync(server.Url("live/pattern/stream=0"));
        string session = RtspTestClient.SessionId(setup);
        (await healthy.PlayAsync()).StatusCode.Should().Be(200);
        stalled.StopReading();
        await stalled.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"PLAY {server.Url("live/pattern/")} RTSP/1.0\r\nCSeq: 9\r\nSession: {session}\r\n\r\n"));

        (await RtpReceiver.WaitForAsync(() => server.StandardError.Contains("not reading", StringComparison.Ordinal), TimeSpan.FromSeconds(20)))
            .Should().BeTrue("the stalled client overflows its 64 KiB queue and is dropped with a log line");
        int before = healthy.Receiver.Rtp.Count;
        await Task.Delay(1000);
        (healthy.Receiver.Rtp.Count - before).Should().BeGreaterThan(100, "the healthy session kept its ~25 frames a second");
        Gaps(healthy.Packets()).Should().Be(0);
        await using var admin = await RtspTestClient.ConnectAsync(server.BaseUrl);
        (await admin.CountSessionsAsync(server.BaseUrl)).Should().Be(1, "only the healthy session is left");
    }

    private static List<CapturedPacket> Interleaved(RtspTestClient client) =>
        RtpCapture.Parse(client.Interleaved.Where(f => f.Frame.Channel == 0).Select(f => (f.Frame.Payload, f.Arrival)));

    private static int Markers(List<CapturedPacket> packets) => packets.Count(p => p.Packet.Marker);

    private static int Gaps(List<CapturedPacket> packets) =>
        packets.Zip(packets.Skip(1)).Count(pair => RtpSequence.Difference(pair.Second.Seq, pair.First.Seq) != 1);
}
