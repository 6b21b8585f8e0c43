using System.Diagnostics;
using OpenCvSharp;
using Rtsp.Media.Pattern;
using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Rtcp;
using Rtsp.Protocol.Rtp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.OpenCv;

/// <summary>
/// `--capture feed=FIFO` with a real server process and a FIFO written in real time with numbered pattern
/// frames: the broadcast to two clients, live seek / PAUSE semantics, and a feed that goes away.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class LiveCaptureTests
{
    private const double FrameRate = 25;
    private static readonly long FrameIntervalNs = (long)(1e9 / FrameRate);

    [Test]
    public async Task Two_clients_get_the_same_frames_within_one_frame_interval_for_10_s_without_loss()
    {
        using var feed = new FifoFeed(seconds: 25);
        await using var server = await ServerProcess.StartAsync("--capture", "feed=" + feed.FifoPath);
        // The kernel's stamps take this test process out of the measure, but not the server's own scheduling: on 2
        // cores shared with unrelated jobs (load average 30-50) its sending thread was once preempted for 40 ms
        // between the two sessions' sends. A server that has its machine is what this judges, so it gets the CPU first.
        if (ProcessPriority.Raise(server.Pid) is { } notRaised)
            TestContext.Out.WriteLine($"the server keeps normal priority ({notRaised}): a loaded machine may delay a send");
        await using var first = await Playback.SetUpAsync(server, "live/feed");
        await using var second = await Playback.SetUpAsync(server, "live/feed");

        (await first.PlayAsync()).StatusCode.Should().Be(200);
        // The second PLAY arrives mid-interval: a broadcast must not leave it on a grid of its own.
        await Task.Delay(TimeSpan.FromMilliseconds(1000 + 1000 / FrameRate / 2));
        (await second.PlayAsync()).StatusCode.Should().Be(200);
        await Task.Delay(TimeSpan.FromSeconds(10.5));
        await first.PauseAsync();
        await second.PauseAsync();

        var a = ReceivedFrames(first.Packets());
        var b = ReceivedFrames(second.Packets());
        string context = $"feed wrote {feed.Written} frames; server stderr:\n{server.StandardError}";
        foreach (var playback in new[] { first, second })
        {
            var packets = playback.Packets();
            packets.Zip(packets.Skip(1)).Should().OnlyContain(pair => RtpSequence.Difference(pair.Second.Seq, pair.First.Seq) == 1,
                "every packet the server sent arrived (so a hole in the frame numbers below is frames the server skipped); " + context);
        }
        foreach (var frames in new[] { a, b })
        {
            frames.Should().NotContain(f => f.Number == null, "every frame decodes and its barcode reads back");
            var numbers = frames.Select(f => f.Number!.Value).ToList();
            numbers.Zip(numbers.Skip(1)).Should().OnlyContain(pair => pair.Second == pair.First + 1, "no frame lost or repeated; " + context);
        }

        // When each client got each frame, as the kernel stamped the datagram completing it on arrival. The time this
        // process read it would measure this process too: on 2 loaded cores a test thread is descheduled for tens of
        // ms and then reads a burst, which made up to 2% of frames look late with the server not at fault. The
        // kernel's stamp is taken as the server's send hands the datagram to loopback, so it is the delivery time the
        // issue asks about, and it lets every frame be held to one frame interval. (RTCP SR-mapped RTP timestamps
        // would not do: they give each frame its capture time, equal in both sessions even if one were sent late.)
        var aArrival = KernelArrivals(a, first.Receiver);
        var bArrival = KernelArrivals(b, second.Receiver);
        var common = aArrival.Keys.Where(bArrival.ContainsKey).ToList();
        common.Count.Should().BeGreaterThanOrEqualTo((int)(10 * FrameRate) - 5, "both played the same ~10 s of the feed");
        var skew = common.Select(n => Math.Abs(aArrival[n] - bArrival[n])).ToList();
        TestContext.Out.WriteLine($"{common.Count} common frames; skew between clients (kernel receive times): median {Median(skew) / 1e6:0.000} ms, max {skew.Max() / 1e6:0.000} ms");
        foreach (var n in common.Where(n => Math.Abs(aArrival[n] - bArrival[n]) >= FrameIntervalNs / 2))
            TestContext.Out.WriteLine($"frame {n}: first client at {(aArrival[n] - aArrival[common[0]]) / 1e6:0.000} ms, second at {(bArrival[n] - aArrival[common[0]]) / 1e6:0.000} ms");
        skew.Should().OnlyContain(s => s < FrameIntervalNs, "a live source is a broadcast: both clients get every frame within one frame interval of each other");
        first.Packets().Select(p => p.Packet.Ssrc).Distinct().Should().ContainSingle()
            .Which.Should().NotBe(second.Packets()[0].Packet.Ssrc, "each session keeps its own SSRC");
    }

    [Test]
    public async Task Live_capture_announces_now_refuses_a_seek_and_resumes_from_now_after_pause()
    {
        using var feed = new FifoFeed(seconds: 30);
        await using var server = await ServerProcess.StartAsync("--capture", "feed=" + feed.FifoPath);
        await using var client = await RtspTestClient.ConnectAsync(server.BaseUrl);
        var describe = await client.DescribeAsync(server.Url("live/feed"));
        string sdp = System.Text.Encoding.UTF8.GetString(describe.Body);
        await using var playback = await Playback.SetUpAsync(server, "live/feed");

        var seek = await playback.PlayAsync("npt=5-");
        var play = await playback.PlayAsync();
        await Task.Delay(2000);
        (await playback.PauseAsync()).StatusCode.Should().Be(200);
        long pausedAt = Stopwatch.GetTimestamp();
        int before = playback.Receiver.Rtp.Count;
        await Task.Delay(2000);
        int whilePaused = playback.Receiver.Rtp.Count - before;
        long resumedAt = Stopwatch.GetTimestamp();
        var resume = await playback.PlayAsync();
        await Task.Delay(2000);
        await playback.PauseAsync();

        sdp.Should().Contain("a=range:npt=now-").And.Contain("a=framerate:25");
        seek.StatusCode.Should().Be(457, "RFC 2326 11.4.7: a live source has no position 5 s to seek to");
        play.StatusCode.Should().Be(200);
        play.Headers.Get("Range").Should().Be("npt=now-");
        resume.StatusCode.Should().Be(200);
        whilePaused.Should().BeLessThanOrEqualTo(1, "nothing is sent while paused (a frame in flight at most)");
        var packets = playback.Packets();
        var frames = ReceivedFrames(packets);
        frames.Should().NotContain(f => f.Number == null);
        uint lastBeforePause = frames.Last(f => f.Arrival < pausedAt).Number!.Value;
        uint firstAfterResume = frames.First(f => f.Arrival > resumedAt).Number!.Value;
        (firstAfterResume - lastBeforePause).Should().BeGreaterThan((uint)(1.5 * FrameRate), "after 2 s paused, the stream resumes from now, not from where it paused");
        packets.Zip(packets.Skip(1)).Should().OnlyContain(pair => RtpSequence.Difference(pair.Second.Seq, pair.First.Seq) == 1, "sequence numbers continue across the pause");
    }

    [Test]
    public async Task A_feed_that_goes_away_ends_its_sessions_with_BYE_and_the_server_keeps_serving()
    {
        using var feed = new FifoFeed(seconds: 30);
        await using var server = await ServerProcess.StartAsync("--capture", "feed=" + feed.FifoPath);
        await using var live = await Playback.SetUpAsync(server, "live/feed");
        (await live.PlayAsync()).StatusCode.Should().Be(200);
        (await live.Receiver.WaitForRtpAsync(50, TimeSpan.FromSeconds(10))).Should().BeTrue();

        feed.Close();

        (await RtpReceiver.WaitForAsync(() => live.Receiver.Rtcp.Any(d => IsBye(d.Data)), TimeSpan.FromSeconds(10)))
            .Should().BeTrue("the capture ended, so its sessions get RTCP BYE");
        server.StandardError.Should().Contain("live/feed: capture ended");
        await using var stored = await Playback.SetUpAsync(server, "sample.mjpeg");
        (await stored.PlayAsync()).StatusCode.Should().Be(200);
        (await stored.Receiver.WaitForRtpAsync(20, TimeSpan.FromSeconds(10))).Should().BeTrue("other paths keep serving");
        server.HasExited.Should().BeFalse();
    }

    private static bool IsBye(byte[] data) =>
        RtcpCompoundPacket.TryParse(data, out var packets, out _) && packets!.Any(p => p is RtcpGoodbye);

    /// <summary>Each completed frame: its barcode number (null when unreadable), when its last packet arrived, and that packet.</summary>
    private static List<(uint? Number, long Arrival, CapturedPacket Last)> ReceivedFrames(IEnumerable<CapturedPacket> packets)
    {
        var depacketizer = new JpegDepacketizer();
        var frames = new List<(uint?, long, CapturedPacket)>();
        foreach (var p in packets)
        {
            var frame = depacketizer.Push(p.Seq, p.Timestamp, p.Packet.Marker, p.Packet.Payload.Span);
            if (frame is null)
                continue;
            using var image = Cv2.ImDecode(frame.Jpeg, ImreadModes.Color);
            frames.Add((FrameNumberBarcode.Read(image), p.Arrival, p));
        }
        return frames;
    }

    /// <summary>Frame number → kernel receive time (ns) of the datagram that completed it; every one must have a stamp.</summary>
    private static Dictionary<uint, long> KernelArrivals(List<(uint? Number, long Arrival, CapturedPacket Last)> frames, RtpReceiver receiver)
    {
        var stamped = frames.Select(f => (f.Number, Kernel: receiver.KernelArrivalNs(f.Last.Raw))).ToList();
        stamped.Should().OnlyContain(f => f.Kernel != null, "Linux stamps every received datagram (SIOCGSTAMPNS)");
        return stamped.ToDictionary(f => f.Number!.Value, f => f.Kernel!.Value);
    }

    private static long Median(List<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
