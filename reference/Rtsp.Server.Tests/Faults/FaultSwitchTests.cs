using System.Text;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtcp;
using Rtsp.Protocol.Sdp;
using Rtsp.Server.Faults;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Faults;

/// <summary>
/// Each --fault switch changes the wire exactly the way FaultCatalog says, read back with our own sockets.
/// <see cref="Without_faults_the_wire_shows_none_of_them"/> proves the same measurements are clean normally.
/// Each test has its own server, so they run two at a time, except those that measure timing.
/// </summary>
[Category("Integration")]
[Parallelizable(ParallelScope.Children)]
public class FaultSwitchTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    [NonParallelizable]
    public async Task Without_faults_the_wire_shows_none_of_them()
    {
        var server = await SharedServer.GetAsync();
        await using var playback = await Playback.SetUpAsync(server);
        var play = await playback.PlayAsync();
        (await Frames(playback, 100)).Should().BeTrue();
        var packets = playback.Packets();
        var frames = RtpCapture.Frames(packets);
        RtpCapture.RawVersions(playback.Receiver.Rtp).Should().OnlyContain(v => v == 2);
        packets.Should().OnlyContain(p => p.Packet.PayloadType == 26);
        packets.Select(p => p.Packet.Ssrc).Distinct().Should().ContainSingle();
        WireAnalysis.SequenceSteps(packets).Should().OnlyContain(step => step == 1);
        WireAnalysis.TimestampSteps(frames).Should().OnlyContain(step => step == 3600);
        frames.Should().OnlyContain(f => f.Packets.Last().Packet.Marker && f.Packets.Count(p => p.Packet.Marker) == 1);
        WireAnalysis.FragmentDiscontinuities(frames).Should().BeEmpty();
        var info = RtpInfoHeader.Parse(play.Headers.Get("RTP-Info")!).Entries[0];
        (info.Seq, info.RtpTime).Should().Be((packets[0].Seq, packets[0].Timestamp));
        play.Headers.Get("Session").Should().NotBeNull();
        playback.Receiver.Rtcp.Should().NotBeEmpty("a sender report follows the first frame");
        WireAnalysis.ClockRatio(frames).Should().BeInRange(0.993, 1.007, "no drift");
        WireAnalysis.FrameIntervalsMs(frames).Count(ms => ms < 5).Should().BeLessThan(4, "no bursts");
    }

    [Test]
    public async Task Rtp_version_sends_version_1() => await WithFault("rtp-version", async playback =>
    {
        (await playback.Receiver.WaitForRtpAsync(40, Wait)).Should().BeTrue();
        RtpCapture.RawVersions(playback.Receiver.Rtp).Should().OnlyContain(v => v == 1);
    });

    [Test]
    public async Task Payload_type_sends_96_which_the_SDP_does_not_map() => await WithFault("payload-type", async playback =>
    {
        (await playback.Receiver.WaitForRtpAsync(40, Wait)).Should().BeTrue();
        playback.Packets().Should().OnlyContain(p => p.Packet.PayloadType == 96);
        var sdp = SessionDescription.Parse(Encoding.UTF8.GetString((await playback.Client.DescribeAsync(playback.Url)).Body));
        sdp.Media[0].Formats.Should().Equal("26");
        sdp.Media[0].RtpMaps.Should().NotContainKey(96);
    });

    [Test]
    public async Task Ssrc_change_switches_ssrc_on_frame_51() => await WithFault("ssrc-change", async playback =>
    {
        (await Frames(playback, 60)).Should().BeTrue();
        var frames = RtpCapture.Frames(playback.Packets());
        uint announced = TransportHeader.Parse(playback.Setup.Headers.Get("Transport")!).Specs[0].Ssrc!.Value;
        frames.Take(50).SelectMany(f => f.Packets).Should().OnlyContain(p => p.Packet.Ssrc == announced);
        frames[50].Packets[0].Packet.Ssrc.Should().NotBe(announced);
    });

    [Test]
    public async Task Seq_gap_skips_one_number_after_every_50th_packet() => await WithFault("seq-gap", async playback =>
    {
        (await playback.Receiver.WaitForRtpAsync(160, Wait)).Should().BeTrue();
        var steps = WireAnalysis.SequenceSteps(playback.Packets());
        steps.Should().OnlyContain(s => s == 1 || s == 2);
        steps.Select((s, i) => (s, i)).Where(x => x.s == 2).Select(x => x.i + 1).Should().StartWith([50, 100, 150]);
    });

    [Test]
    public async Task Seq_duplicate_sends_every_50th_packet_twice() => await WithFault("seq-duplicate", async playback =>
    {
        (await playback.Receiver.WaitForRtpAsync(160, Wait)).Should().BeTrue();
        var packets = playback.Packets();
        var steps = WireAnalysis.SequenceSteps(packets);
        steps.Should().OnlyContain(s => s == 1 || s == 0);
        steps.Count(s => s == 0).Should().BeGreaterThanOrEqualTo(3);
        steps.Select((s, i) => (s, i)).Where(x => x.s == 0).Select(x => x.i).Should().StartWith([49, 100, 151]);
    });

    [Test]
    public async Task Seq_reorder_swaps_every_50th_packet_with_the_next() => await WithFault("seq-reorder", async playback =>
    {
        (await playback.Receiver.WaitForRtpAsync(160, Wait)).Should().BeTrue();
        var steps = WireAnalysis.SequenceSteps(playback.Packets());
        steps.Count(s => s < 0).Should().BeGreaterThanOrEqualTo(3);
        steps.Should().OnlyContain(s => s == 1 || s == 2 || s == -1);
    });

    [Test]
    public async Task Ts_jump_adds_a_second_on_frame_51() => await WithFault("ts-jump", async playback =>
    {
        (await Frames(playback, 60)).Should().BeTrue();
        var steps = WireAnalysis.TimestampSteps(RtpCapture.Frames(playback.Packets()));
        steps[49].Should().Be(3600 + 90000);
        steps.Where((_, i) => i != 49).Take(55).Should().OnlyContain(s => s == 3600);
    });

    [Test]
    public async Task Clock_rate_advances_8000_per_second() => await WithFault("clock-rate", async playback =>
    {
        (await Frames(playback, 30)).Should().BeTrue();
        WireAnalysis.TimestampSteps(RtpCapture.Frames(playback.Packets())).Should().OnlyContain(s => s == 320);
    });

    [Test]
    public async Task No_marker_never_sets_the_marker() => await WithFault("no-marker", async playback =>
    {
        (await playback.Receiver.WaitForRtpAsync(100, Wait)).Should().BeTrue();
        playback.Packets().Should().OnlyContain(p => !p.Packet.Marker);
    });

    [Test]
    public async Task Marker_every_packet_sets_it_everywhere() => await WithFault("marker-every-packet", async playback =>
    {
        (await playback.Receiver.WaitForRtpAsync(100, Wait)).Should().BeTrue();
        playback.Packets().Should().OnlyContain(p => p.Packet.Marker);
    });

    [Test]
    public async Task Drop_fragment_loses_the_second_fragment_of_every_25th_frame() => await WithFault("drop-fragment", async playback =>
    {
        (await Frames(playback, 60)).Should().BeTrue();
        var packets = playback.Packets();
        WireAnalysis.SequenceSteps(packets).Should().OnlyContain(s => s == 1, "the fragment never existed: no sequence gap");
        WireAnalysis.FragmentDiscontinuities(RtpCapture.Frames(packets)).Should().StartWith([24, 49]);
    });

    [Test]
    public async Task Fragment_offset_is_100_too_large_in_every_25th_frame() => await WithFault("fragment-offset", async playback =>
    {
        (await Frames(playback, 60)).Should().BeTrue();
        var frames = RtpCapture.Frames(playback.Packets());
        WireAnalysis.FragmentDiscontinuities(frames).Should().StartWith([24, 49]);
        var first = frames[24].Packets[0];
        int firstData = first.Packet.Payload.Length - Rtsp.Protocol.Jpeg.JpegPayloadHeader.Parse(first.Packet.Payload.Span).DataOffset;
        frames[24].Packets[1].FragmentOffset.Should().Be(firstData + FaultCatalog.FragmentOffsetError);
    });

    [Test]
    [NonParallelizable]
    public async Task Burst_sends_five_frames_at_once_every_25() => await WithFault("burst", async playback =>
    {
        (await Frames(playback, 80)).Should().BeTrue();
        var intervals = WireAnalysis.FrameIntervalsMs(RtpCapture.Frames(playback.Packets()));
        // Frames 25-29 (indices 24..28) leave together: the 4 intervals after index 24 are ~0.
        intervals.Skip(24).Take(4).Should().OnlyContain(ms => ms < 8);
        intervals.Skip(49).Take(4).Should().OnlyContain(ms => ms < 8);
        intervals[28].Should().BeGreaterThan(100, "then the schedule catches up: frame 30 leaves at its own time");
    });

    [Test]
    [NonParallelizable]
    public async Task Late_frames_delays_every_25th_frame_by_30_ms() => await WithFault("late-frames", async playback =>
    {
        (await Frames(playback, 80)).Should().BeTrue();
        var offsets = WireAnalysis.DepartureOffsetsMs(RtpCapture.Frames(playback.Packets()));
        // Against each frame's neighbours, so a stall elsewhere on a loaded machine does not blur it; 2 of the 3 must show it.
        var late = new[] { 24, 49, 74 }.Select(k => WireAnalysis.LocalLateness(offsets, k)).ToList();
        late.Count(ms => ms is > 20 and < 50).Should().BeGreaterThanOrEqualTo(2, string.Join(", ", late.Select(ms => $"{ms:0.0} ms")));
        var onTime = new[] { 25, 50, 75 }.Select(k => WireAnalysis.LocalLateness(offsets, k)).ToList();
        onTime.Count(ms => ms < 12).Should().BeGreaterThanOrEqualTo(2, "the schedule is not shifted: " + string.Join(", ", onTime.Select(ms => $"{ms:0.0} ms")));
    });

    [Test]
    [NonParallelizable]
    public async Task Drift_runs_the_clock_2_percent_slow() => await WithFault("drift", async playback =>
    {
        (await Frames(playback, 101)).Should().BeTrue();
        // 40 ms x 1.02 per frame: 2 s of media take 2.04 s.
        WireAnalysis.ClockRatio(RtpCapture.Frames(playback.Packets())).Should().BeInRange(1.012, 1.03);
        WireAnalysis.TimestampSteps(RtpCapture.Frames(playback.Packets())).Should().OnlyContain(s => s == 3600, "timestamps stay nominal");
    });

    [Test]
    public async Task Cseq_mismatch_answers_with_cseq_plus_one()
    {
        await using var server = await ServerProcess.StartAsync("--fault", "cseq-mismatch");
        await using var client = await RtspTestClient.ConnectAsync(server.BaseUrl);
        (await client.SendAsync("OPTIONS", "*", ("CSeq", "41"))).Headers.Get("CSeq").Should().Be("42");
    }

    [Test]
    public async Task No_session_header_leaves_Session_out_of_play() => await WithFault("no-session-header", async playback =>
    {
        playback.Setup.Headers.Get("Session").Should().NotBeNull("SETUP still carries it");
        (await playback.PlayAsync()).Headers.Contains("Session").Should().BeFalse();
        (await playback.Client.SendAsync("GET_PARAMETER", playback.Url, ("Session", playback.Session))).Headers.Contains("Session").Should().BeFalse();
    }, play: false);

    [Test]
    public async Task Rtpinfo_mismatch_names_the_packet_after_the_first() => await WithFault("rtpinfo-mismatch", async playback =>
    {
        var play = await playback.PlayAsync();
        (await playback.Receiver.WaitForRtpAsync(1, Wait)).Should().BeTrue();
        var first = playback.Packets()[0];
        var info = RtpInfoHeader.Parse(play.Headers.Get("RTP-Info")!).Entries[0];
        info.Seq.Should().Be((ushort)(first.Seq + 1));
        info.RtpTime.Should().Be(first.Timestamp + 3600);
    }, play: false);

    [Test]
    public async Task Pause_ignored_keeps_sending() => await WithFault("pause-ignored", async playback =>
    {
        (await playback.Receiver.WaitForRtpAsync(20, Wait)).Should().BeTrue();
        (await playback.PauseAsync()).StatusCode.Should().Be(200);
        await Task.Delay(200);
        int count = playback.Receiver.Rtp.Count;
        (await playback.Receiver.WaitForRtpAsync(count + 50, TimeSpan.FromSeconds(3))).Should().BeTrue();
    });

    [Test]
    public async Task Teardown_ignored_keeps_sending_without_BYE() => await WithFault("teardown-ignored", async playback =>
    {
        (await playback.Receiver.WaitForRtpAsync(20, Wait)).Should().BeTrue();
        (await playback.TeardownAsync()).StatusCode.Should().Be(200);
        await Task.Delay(200);
        int count = playback.Receiver.Rtp.Count;
        (await playback.Receiver.WaitForRtpAsync(count + 50, TimeSpan.FromSeconds(3))).Should().BeTrue();
        RtpCapture.Goodbyes(playback.Receiver).Should().Be(0);
    });

    [Test]
    public async Task Seek_ignored_answers_the_range_but_sends_from_the_start() => await WithFault("seek-ignored", async playback =>
    {
        var play = await playback.PlayAsync("npt=5-");
        play.StatusCode.Should().Be(200);
        play.Headers.Get("Range").Should().StartWith("npt=5");
        (await Frames(playback, 3)).Should().BeTrue();
        RtpCapture.FrameNumbers(playback.Packets())[0].Should().Be(0u);
    }, play: false);

    [Test]
    public async Task No_rtcp_sends_no_sender_report_and_no_BYE() => await WithFault("no-rtcp", async playback =>
    {
        (await Frames(playback, 40)).Should().BeTrue();
        (await playback.TeardownAsync()).StatusCode.Should().Be(200);
        await Task.Delay(300);
        playback.Receiver.Rtcp.Should().BeEmpty();
    });

    [Test]
    public async Task Sr_inconsistent_puts_rtp_time_half_a_second_ahead_and_halves_the_counts() => await WithFault("sr-inconsistent", async playback =>
    {
        (await RtpReceiver.WaitForAsync(() => !playback.Receiver.Rtcp.IsEmpty, Wait)).Should().BeTrue();
        (await Frames(playback, 2)).Should().BeTrue();
        var report = RtcpCompoundPacket.Parse(playback.Receiver.Rtcp.First().Data).OfType<RtcpSenderReport>().Single();
        // The first SR follows the first frame: its honest count would be that frame's packets.
        var firstFrame = RtpCapture.Frames(playback.Packets())[0];
        int ahead = unchecked((int)(report.RtpTimestamp - firstFrame.Timestamp));
        ahead.Should().BeInRange(45000, 45000 + 9000);
        report.PacketCount.Should().Be((uint)(firstFrame.Packets.Count / 2));
        report.OctetCount.Should().Be((uint)(firstFrame.Packets.Sum(p => p.Packet.Payload.Length) / 2));
    });

    [Test]
    public async Task Play_before_setup_200_answers_200_without_a_session()
    {
        await using var server = await ServerProcess.StartAsync("--fault", "play-before-setup-200");
        await using var client = await RtspTestClient.ConnectAsync(server.BaseUrl);
        (await client.SendAsync("PLAY", server.Url("sample.mjpeg/"))).StatusCode.Should().Be(200);
    }

    private static async Task WithFault(string fault, Func<Playback, Task> check, bool play = true)
    {
        await using var server = await ServerProcess.StartAsync("--fault", fault);
        await using var playback = await Playback.SetUpAsync(server);
        if (play)
            (await playback.PlayAsync()).StatusCode.Should().Be(200);
        await check(playback);
    }

    private static Task<bool> Frames(Playback playback, int frames) =>
        RtpReceiver.WaitForAsync(() => RtpCapture.Frames(playback.Packets()).Count > frames, Wait + TimeSpan.FromSeconds(frames / 25.0));

}
