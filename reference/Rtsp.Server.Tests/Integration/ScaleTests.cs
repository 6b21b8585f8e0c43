using System.Globalization;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Integration;

/// <summary>
/// 200 UDP sessions of the 10 s 640x480 25 fps sample at once (issue 16: the server at scale), set up over 20
/// connections of 10 sessions: every session gets all 250 frames and no packet is lost on loopback. Not timing-strict
/// (frame rate is the benchmark's business, `load`): the only time bound is a generous deadline for the whole run.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public class ScaleTests
{
    private const int Sessions = 200;
    private const int PerConnection = 10;
    private const int FramesInSample = 250;

    [Test]
    public async Task Two_hundred_UDP_sessions_get_every_frame_without_loss()
    {
        string room = (Sessions + 10).ToString(CultureInfo.InvariantCulture);
        await using var server = await ServerProcess.StartAsync("--log-level", "Warning", "--max-sessions", room, "--max-connections", room,
            "--max-connections-per-address", room);
        using var streams = new SsrcStreams();
        var clients = new List<RtspTestClient>();
        try
        {
            var sessions = new List<(RtspTestClient Client, string Id)>();
            for (int c = 0; c < Sessions / PerConnection; c++)
            {
                var client = await RtspTestClient.ConnectAsync(server.BaseUrl);
                clients.Add(client);
                for (int s = 0; s < PerConnection; s++)
                {
                    var setup = await client.SendAsync("SETUP", server.Url("sample.mjpeg/stream=0"), ("Transport", $"RTP/AVP;unicast;client_port={streams.ClientPorts}"));
                    setup.StatusCode.Should().Be(200, $"SETUP {sessions.Count + 1} of {Sessions}");
                    sessions.Add((client, RtspTestClient.SessionId(setup)));
                }
            }
            foreach (var (client, id) in sessions)
                (await client.PlayAsync(server.Url("sample.mjpeg/"), id)).StatusCode.Should().Be(200);

            bool done = await RtpReceiver.WaitForAsync(
                () => streams.Snapshot() is var s && s.Count == Sessions && s.All(x => x.Frames >= FramesInSample), TimeSpan.FromSeconds(45));
            var snapshot = streams.Snapshot();
            string summary = $"{snapshot.Count} sessions seen, frames min {snapshot.Select(x => x.Frames).DefaultIfEmpty().Min()}, " +
                $"lost {snapshot.Sum(x => x.Lost)} of {snapshot.Sum(x => x.Packets)} packets";
            await TestContext.Out.WriteLineAsync(summary);
            done.Should().BeTrue(summary);
            snapshot.Should().OnlyContain(x => x.Frames == FramesInSample, summary);
            snapshot.Sum(x => x.Lost).Should().Be(0, "no packet is lost on loopback");
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }
}
