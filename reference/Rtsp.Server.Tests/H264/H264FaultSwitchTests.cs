using System.Text;
using Rtsp.Protocol.H26x;
using Rtsp.Protocol.Sdp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.H264;

/// <summary>
/// Each H.264 fault switch (and the shared no-marker and payload-type) breaks its one rule on the wire of an
/// H.264 stream, and the rules next to it still hold: read back with our own sockets and H1's depacketizer.
/// The clean run is <see cref="H264StreamingTests"/>. One server per fault; 2 s of media each.
/// </summary>
[Category("Integration")]
[Parallelizable(ParallelScope.Children)]
public sealed class H264FaultSwitchTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private H264Clip? _clip;

    [OneTimeSetUp]
    public async Task MakeClip() => _clip = await H264Clip.MakeAsync();

    [OneTimeTearDown]
    public void DeleteClip() => _clip?.Dispose();

    [Test]
    public async Task Fu_no_start_clears_S_on_every_first_fragment() => await WithFault("h264-fu-no-start", (packets, _) =>
    {
        var fu = H264Wire.FuHeaders(packets);
        fu.Should().NotBeEmpty();
        fu.Should().OnlyContain(h => (h & 0x80) == 0, "no fragment starts a NAL unit");
        fu.Count(h => (h & 0x40) != 0).Should().BeGreaterThan(0, "E still ends each fragmented NAL unit");
        H264Wire.Depacketize(packets).Problems.Select(p => p.Reason).Distinct().Should().Equal(H26xRejectReason.FragmentWithoutStart);
        AssertMarkerAndTimestampsHold(packets);
    });

    [Test]
    public async Task Fu_no_end_clears_E_on_every_last_fragment() => await WithFault("h264-fu-no-end", (packets, _) =>
    {
        var fu = H264Wire.FuHeaders(packets);
        fu.Should().OnlyContain(h => (h & 0x40) == 0, "no fragment ends a NAL unit");
        fu.Count(h => (h & 0x80) != 0).Should().BeGreaterThan(0, "S still starts each fragmented NAL unit");
        H264Wire.Depacketize(packets).Problems.Select(p => p.Reason).Should().Contain(H26xRejectReason.FragmentNotEnded);
        AssertMarkerAndTimestampsHold(packets);
    });

    [Test]
    public async Task No_parameter_sets_sends_neither_SPS_nor_PPS_anywhere() => await WithFault("h264-no-parameter-sets", (packets, sdp) =>
    {
        var fmtp = sdp.Media[0].Fmtp[96];
        fmtp.Should().Contain("packetization-mode=1").And.NotContain("sprop-parameter-sets");
        var depacketized = H264Wire.Depacketize(packets);
        depacketized.Problems.Should().BeEmpty("the packets themselves are well formed");
        depacketized.Units.Should().OnlyContain(u => !u.HasSps && !u.HasPps);
        depacketized.Units[0].HasRandomAccess.Should().BeTrue("the keyframe itself is still sent");
        AssertMarkerAndTimestampsHold(packets);
    });

    [Test]
    public async Task Ts_per_packet_adds_the_packet_index_to_the_access_units_timestamp() => await WithFault("h264-ts-per-packet", (packets, _) =>
    {
        var units = MarkerDelimited(packets);
        units.Should().Contain(u => u.Count > 1);
        units.Should().OnlyContain(u => u.Select((p, k) => unchecked(p.Timestamp - u[0].Timestamp) == (uint)k).All(ok => ok));
        // A prefix in decoding order holds B-frames shown after its end, so: distinct whole frame slots, not 0..n-1.
        H264Wire.PresentationOffsets(units.Select(u => u[0].Timestamp), units[0][0].Timestamp)
            .Should().OnlyHaveUniqueItems().And.OnlyContain(t => t % H264Clip.TimestampStep == 0, "the first packet of each unit keeps the right timestamp");
        WireAnalysis.SequenceSteps(packets).Should().OnlyContain(step => step == 1);
    });

    [Test]
    public async Task No_marker_leaves_every_H264_packet_without_the_marker() => await WithFault("no-marker", (packets, _) =>
    {
        packets.Should().OnlyContain(p => !p.Packet.Marker);
        var depacketized = H264Wire.Depacketize(packets);
        depacketized.Problems.Should().BeEmpty();
        depacketized.Units.Should().OnlyContain(u => !u.MarkerSeen);
        RtpCapture.Frames(packets).Count.Should().Be(depacketized.Units.Count, "one timestamp per access unit still");
    });

    [Test]
    public async Task Payload_type_sends_97_while_the_SDP_announces_96() => await WithFault("payload-type", (packets, sdp) =>
    {
        packets.Should().OnlyContain(p => p.Packet.PayloadType == 97);
        sdp.Media[0].Formats.Should().Equal("96");
        sdp.Media[0].RtpMaps.Should().NotContainKey(97);
    });

    /// <summary>The rules next to a payload fault still hold: one marker per unit on its last packet, a timestamp per unit, seq +1.</summary>
    private static void AssertMarkerAndTimestampsHold(List<CapturedPacket> packets)
    {
        WireAnalysis.SequenceSteps(packets).Should().OnlyContain(step => step == 1);
        packets.Should().OnlyContain(p => p.Packet.PayloadType == 96);
        var frames = RtpCapture.Frames(packets);
        frames.SkipLast(1).Should().OnlyContain(f => f.Packets.Last().Packet.Marker && f.Packets.Count(p => p.Packet.Marker) == 1);
    }

    private static List<List<CapturedPacket>> MarkerDelimited(IEnumerable<CapturedPacket> packets)
    {
        var units = new List<List<CapturedPacket>> { new() };
        foreach (var packet in packets)
        {
            units[^1].Add(packet);
            if (packet.Packet.Marker)
                units.Add([]);
        }
        return [.. units.Where(u => u.Count > 0 && u[^1].Packet.Marker)];
    }

    private async Task WithFault(string fault, Action<List<CapturedPacket>, SessionDescription> check)
    {
        await using var server = await ServerProcess.StartAsync("--media", _clip!.Directory, "--codec", "copy", "--fault", fault);
        await using var playback = await Playback.SetUpAsync(server, H264Clip.Name);
        var sdp = SessionDescription.Parse(Encoding.UTF8.GetString((await playback.Client.DescribeAsync(playback.Url)).Body));
        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        // 2 s of media: two keyframes (fragmented, with parameter sets) and their B- and P-frames.
        (await RtpReceiver.WaitForAsync(() => RtpCapture.Frames(playback.Packets()).Count > 50, Wait)).Should().BeTrue(server.StandardError);
        check(playback.Packets(), sdp);
    }
}
