using System.Text;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Sdp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.H264;

/// <summary>
/// A real `rtsp-ref serve --codec copy` serving an H.264 .mp4 made by ffmpeg, read with our own sockets and
/// H1's RFC 6184 depacketizer: the SDP, whole plays over UDP and TCP (every access unit, one timestamp each, the
/// marker on the last packet, keyframes with in-band SPS/PPS, decodable to the last picture), seeking to a
/// keyframe, PAUSE/PLAY, and the JPEG fallback for a file that is not H.264.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class H264StreamingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private H264Clip? _clip;
    private ServerProcess? _server;

    [OneTimeSetUp]
    public async Task MakeClipAndStartServer()
    {
        _clip = await H264Clip.MakeAsync();
        await _clip.AddAsync("mpeg4.mkv", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "1", "-c:v", "mpeg4", "-q:v", "4");
        _server = await ServerProcess.StartAsync("--media", _clip.Directory, "--codec", "copy");
    }

    [OneTimeTearDown]
    public async Task StopServerAndDeleteClip()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        _clip?.Dispose();
    }

    [Test]
    public async Task Describe_announces_H264_with_the_streams_parameter_sets()
    {
        var media = (await DescribeAsync(H264Clip.Name)).Media[0];

        media.Formats.Should().Equal("96");
        media.RtpMaps[96].ToString().Should().Be("H264/90000");
        media.GetAttribute("framerate")!.Value.Should().Be("25");
        media.RangeAttribute.Should().Be("npt=0-4");
        var fmtp = media.Fmtp[96];
        fmtp.Should().Contain("packetization-mode=1");
        var parameters = Rtsp.Protocol.H26x.H26xFormatParameters.Parse(Rtsp.Protocol.H26x.H26xCodec.H264, fmtp);
        parameters.ParameterSets.Select(p => p[0] & 0x1F).Should().Equal(7, 8);
        var sps = parameters.ParameterSets[0];
        parameters.ProfileLevelId.Should().Be($"{sps[1]:X2}{sps[2]:X2}{sps[3]:X2}", "RFC 6184 8.1: profile_idc, constraint flags, level_idc of the SPS");
    }

    [Test]
    public async Task Udp_play_delivers_every_access_unit_to_the_end_of_the_clip()
    {
        await using var playback = await Playback.SetUpAsync(_server!, H264Clip.Name);
        var play = await playback.PlayAsync();
        (await RtpReceiver.WaitForAsync(() => RtpCapture.Goodbyes(playback.Receiver) > 0, Wait)).Should().BeTrue("BYE at the end of the media");

        var packets = playback.Packets();
        AssertWholeClip(packets, play);
        var frames = RtpCapture.Frames(packets);
        double seconds = RtpCapture.Milliseconds(frames[^1].FirstArrival - frames[0].FirstArrival) / 1000;
        seconds.Should().BeInRange(3.5, 4.6, "99 frame periods of 40 ms: paced at the frame rate, not sent in a burst");
    }

    [Test]
    public async Task Tcp_interleaved_play_delivers_every_access_unit_to_the_end_of_the_clip()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server!.BaseUrl);
        string url = _server.Url(H264Clip.Name) + "/";
        var setup = await client.SetupTcpAsync(url + "stream=0");
        setup.StatusCode.Should().Be(200);
        var play = await client.PlayAsync(url, RtspTestClient.SessionId(setup));

        (await RtpReceiver.WaitForAsync(() => H264Wire.Interleaved(client).Count > 0
            && H264Wire.Depacketize(H264Wire.Interleaved(client)).Units.Count(u => u.MarkerSeen) >= H264Clip.Frames, Wait)).Should().BeTrue();
        AssertWholeClip(H264Wire.Interleaved(client), play);
    }

    [Test]
    public async Task Seeking_starts_at_the_keyframe_at_or_before_the_requested_time()
    {
        await using var playback = await Playback.SetUpAsync(_server!, H264Clip.Name);

        var play = await playback.PlayAsync("npt=1.5-");

        play.StatusCode.Should().Be(200);
        play.Headers.Get("Range").Should().Be("npt=1-4", "the keyframe at 1 s is what is really played");
        (await RtpReceiver.WaitForAsync(() => RtpCapture.Goodbyes(playback.Receiver) > 0, Wait)).Should().BeTrue();
        var packets = playback.Packets();
        var info = RtpInfoHeader.Parse(play.Headers.Get("RTP-Info")!).Entries[0];
        (info.Seq, info.RtpTime).Should().Be((packets[0].Seq, packets[0].Timestamp));
        var units = H264Wire.Depacketize(packets).Units;
        units.Should().HaveCount(H264Clip.Frames - H264Clip.KeyframeInterval);
        units[0].HasRandomAccess.Should().BeTrue("a decoder can start there");
        units[0].HasSps.Should().BeTrue();
        H264Wire.DecodedPictures(units).Should().Be(H264Clip.Frames - H264Clip.KeyframeInterval);
    }

    [Test]
    public async Task Pause_then_play_resumes_with_the_next_access_unit_and_no_gap()
    {
        await using var playback = await Playback.SetUpAsync(_server!, H264Clip.Name);
        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        (await RtpReceiver.WaitForAsync(() => H264Wire.Depacketize(playback.Packets()).Units.Count > 20, Wait)).Should().BeTrue();

        (await playback.PauseAsync()).StatusCode.Should().Be(200);
        await Task.Delay(200);
        int paused = playback.Receiver.Rtp.Count;
        await Task.Delay(400);
        playback.Receiver.Rtp.Count.Should().Be(paused, "nothing is sent while paused");
        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        (await RtpReceiver.WaitForAsync(() => RtpCapture.Goodbyes(playback.Receiver) > 0, Wait)).Should().BeTrue();

        var packets = playback.Packets();
        WireAnalysis.SequenceSteps(packets).Should().OnlyContain(step => step == 1);
        var depacketized = H264Wire.Depacketize(packets);
        depacketized.Problems.Should().BeEmpty();
        depacketized.Units.Should().HaveCount(H264Clip.Frames, "the whole clip, each unit once");
        H264Wire.DecodedPictures(depacketized.Units).Should().Be(H264Clip.Frames);
    }

    [Test]
    public async Task A_file_in_another_codec_is_transcoded_to_JPEG_with_a_reason()
    {
        var media = (await DescribeAsync("mpeg4.mkv")).Media[0];

        media.Formats.Should().Equal("26");
        _server!.StandardError.Should().Contain("mpeg4.mkv: not served as H.264 (its video codec is");
    }

    private static void AssertWholeClip(List<CapturedPacket> packets, Rtsp.Protocol.Rtsp.RtspResponse play)
    {
        packets.Should().OnlyContain(p => p.Packet.PayloadType == 96);
        WireAnalysis.SequenceSteps(packets).Should().OnlyContain(step => step == 1);
        var info = RtpInfoHeader.Parse(play.Headers.Get("RTP-Info")!).Entries[0];
        (info.Seq, info.RtpTime).Should().Be((packets[0].Seq, packets[0].Timestamp), "RTP-Info names the first packet");

        // RFC 6184 5.1: one timestamp per access unit, the marker on its last packet only.
        var frames = RtpCapture.Frames(packets);
        frames.Should().HaveCount(H264Clip.Frames);
        frames.Should().OnlyContain(f => f.Packets.Last().Packet.Marker && f.Packets.Count(p => p.Packet.Marker) == 1);
        // B-frames: timestamps follow presentation order, each access unit in its own 40 ms slot.
        H264Wire.PresentationOffsets(frames.Select(f => f.Timestamp), frames[0].Timestamp)
            .Should().Equal(Enumerable.Range(0, H264Clip.Frames).Select(k => (long)k * H264Clip.TimestampStep));

        var depacketized = H264Wire.Depacketize(packets);
        depacketized.Problems.Should().BeEmpty();
        depacketized.Units.Should().HaveCount(H264Clip.Frames);
        depacketized.Units.Select((u, i) => (u, i)).Where(x => x.u.HasRandomAccess).Select(x => x.i)
            .Should().Equal(0, 25, 50, 75);
        depacketized.Units.Where(u => u.HasRandomAccess).Should().OnlyContain(u => u.HasSps && u.HasPps, "parameter sets in-band before each keyframe");
        packets.Count(p => H264Wire.IsStapA(p.Packet)).Should().Be(4, "SPS and PPS travel together in one STAP-A");
        H264Wire.FuHeaders(packets).Should().NotBeEmpty("keyframes are larger than the MTU");
        H264Wire.DecodedPictures(depacketized.Units).Should().Be(H264Clip.Frames, "every picture decodes");
    }

    private async Task<SessionDescription> DescribeAsync(string file)
    {
        await using var client = await RtspTestClient.ConnectAsync(_server!.BaseUrl);
        var response = await client.DescribeAsync(_server.Url(file));
        response.StatusCode.Should().Be(200, _server.StandardError);
        return SessionDescription.Parse(Encoding.UTF8.GetString(response.Body));
    }
}
