using Rtsp.Protocol.Headers;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Integration;

/// <summary>INIT -> READY -> PLAYING -> READY / FINISHED -> INIT, as seen on the wire.</summary>
[Category("Integration")]
public class StateTransitionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private ServerProcess _server = null!;

    [OneTimeSetUp]
    public async Task Start() => _server = await SharedServer.GetAsync();

    [Test]
    public async Task Play_sends_RTP_whose_first_packet_is_the_one_RTP_Info_names()
    {
        await using var playback = await Playback.SetUpAsync(_server);
        var play = await playback.PlayAsync();
        play.StatusCode.Should().Be(200);
        play.Headers.Get("Range").Should().Be("npt=0-10");
        (await playback.Receiver.WaitForRtpAsync(1, Wait)).Should().BeTrue();
        var info = RtpInfoHeader.Parse(play.Headers.Get("RTP-Info")!).Entries.Single();
        info.Url.Should().Be(playback.TrackUrl);
        var first = playback.Packets()[0];
        info.Seq.Should().Be(first.Seq);
        info.RtpTime.Should().Be(first.Timestamp);
    }

    [Test]
    public async Task Rtp_info_matches_the_first_interleaved_packet_too()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        var setup = await client.SetupTcpAsync(_server.Url("sample.mjpeg/stream=0"));
        string session = RtspTestClient.SessionId(setup);
        var play = await client.PlayAsync(_server.Url("sample.mjpeg/"), session);
        (await RtpReceiver.WaitForAsync(() => client.Interleaved.Any(f => f.Frame.Channel == 0), Wait)).Should().BeTrue();
        var first = RtpCapture.Parse(client.Interleaved.Where(f => f.Frame.Channel == 0).Select(f => (f.Frame.Payload, f.Arrival)))[0];
        var info = RtpInfoHeader.Parse(play.Headers.Get("RTP-Info")!).Entries.Single();
        (info.Seq, info.RtpTime).Should().Be((first.Seq, first.Timestamp));
        await client.TeardownAsync(_server.Url("sample.mjpeg/"), session);
    }

    [Test]
    public async Task Pause_stops_at_a_frame_boundary_and_play_resumes_with_seq_plus_one_and_the_next_timestamp()
    {
        await using var playback = await Playback.SetUpAsync(_server);
        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        (await playback.Receiver.WaitForRtpAsync(60, Wait)).Should().BeTrue();
        (await playback.PauseAsync()).StatusCode.Should().Be(200);
        await Task.Delay(300);
        var beforeResume = playback.Packets();
        await Task.Delay(700);
        playback.Packets().Count.Should().Be(beforeResume.Count, "nothing is sent while paused");
        var last = beforeResume[^1];
        last.Packet.Marker.Should().BeTrue("PAUSE stops after the last packet of a frame");

        var resume = await playback.PlayAsync();
        resume.StatusCode.Should().Be(200);
        (await playback.Receiver.WaitForRtpAsync(beforeResume.Count + 1, Wait)).Should().BeTrue();
        var next = playback.Packets()[beforeResume.Count];
        next.Seq.Should().Be((ushort)(last.Seq + 1));
        next.Timestamp.Should().Be(last.Timestamp + 3600, "timestamps continue as if no time passed while paused (25 fps: 3600 per frame)");
        var info = RtpInfoHeader.Parse(resume.Headers.Get("RTP-Info")!).Entries.Single();
        (info.Seq, info.RtpTime).Should().Be((next.Seq, next.Timestamp));
        var numbers = RtpCapture.FrameNumbers(playback.Packets());
        numbers.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("the resumed stream goes on with the next frame");
        numbers.Zip(numbers.Skip(1)).Should().OnlyContain(pair => pair.Second == pair.First + 1);
    }

    [Test]
    public async Task Play_with_a_range_seeks_to_the_nearest_frame()
    {
        await using var playback = await Playback.SetUpAsync(_server);
        var play = await playback.PlayAsync("npt=5.01-");
        play.StatusCode.Should().Be(200);
        play.Headers.Get("Range").Should().Be("npt=5-10");
        (await playback.Receiver.WaitForRtpAsync(100, Wait)).Should().BeTrue();
        var numbers = RtpCapture.FrameNumbers(playback.Packets());
        numbers[0].Should().Be(125u);
        var info = RtpInfoHeader.Parse(play.Headers.Get("RTP-Info")!).Entries.Single();
        info.Seq.Should().Be(playback.Packets()[0].Seq);
    }

    [Test]
    public async Task End_of_media_sends_BYE_then_play_with_a_range_plays_again()
    {
        await using var playback = await Playback.SetUpAsync(_server);
        (await playback.PlayAsync("npt=9.6-")).StatusCode.Should().Be(200);
        (await RtpReceiver.WaitForAsync(() => RtpCapture.Goodbyes(playback.Receiver) > 0, Wait)).Should().BeTrue("BYE marks the end of the media");
        var numbers = RtpCapture.FrameNumbers(playback.Packets());
        numbers.Should().Equal(Enumerable.Range(240, 10).Select(i => (uint?)i));

        int sent = playback.Receiver.Rtp.Count;
        var again = await playback.PlayAsync();
        again.StatusCode.Should().Be(200, "FINISHED: PLAY without Range has nothing left to send");
        await Task.Delay(400);
        playback.Receiver.Rtp.Count.Should().Be(sent);

        var rewind = await playback.PlayAsync("npt=0-");
        rewind.StatusCode.Should().Be(200);
        (await playback.Receiver.WaitForRtpAsync(sent + 30, Wait)).Should().BeTrue();
        RtpCapture.FrameNumbers(playback.Packets().Skip(sent))[0].Should().Be(0u);
    }

    [Test]
    public async Task Teardown_stops_RTP_sends_BYE_and_forgets_the_session()
    {
        await using var playback = await Playback.SetUpAsync(_server);
        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        (await playback.Receiver.WaitForRtpAsync(20, Wait)).Should().BeTrue();
        (await playback.TeardownAsync()).StatusCode.Should().Be(200);
        (await RtpReceiver.WaitForAsync(() => RtpCapture.Goodbyes(playback.Receiver) > 0, Wait)).Should().BeTrue();
        await Task.Delay(200);
        int count = playback.Receiver.Rtp.Count;
        await Task.Delay(500);
        playback.Receiver.Rtp.Count.Should().Be(count);
        (await playback.PlayAsync()).StatusCode.Should().Be(454);
    }

    [Test]
    public async Task Teardown_frees_the_server_ports_for_the_next_session()
    {
        // A range of one pair: the second SETUP only succeeds if TEARDOWN gave the pair back.
        int low = 45000 + 2 * Random.Shared.Next(0, 400);
        await using var server = await ServerProcess.StartAsync("--rtp-ports", $"{low}-{low + 1}");
        await using (var first = await Playback.SetUpAsync(server))
        {
            await using var client = await RtspTestClient.ConnectAsync(server.BaseUrl);
            using var receiver = RtpReceiver.Create();
            (await client.SetupUdpAsync(server.Url("sample.mjpeg/stream=0"), receiver)).StatusCode.Should().Be(503, "the only pair is in use");
        }
        await using var second = await Playback.SetUpAsync(server);
        TransportHeader.Parse(second.Setup.Headers.Get("Transport")!).Specs[0].ServerPort.Should().Be(new PortRange(low, low + 1));
    }

}
