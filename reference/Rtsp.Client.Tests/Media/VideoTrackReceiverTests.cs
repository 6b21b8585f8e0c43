using System.Diagnostics;
using Rtsp.Client.Media;
using Rtsp.Client.Tests.TestSupport;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Client.Tests.Media;

public class VideoTrackReceiverTests
{
    private static readonly VideoTrack Track = new(0, "rtsp://h/s/track1", 26, 90000, "JPEG", 25);

    private static (VideoTrackReceiver Receiver, List<VideoFrame> Frames) NewReceiver()
    {
        var receiver = new VideoTrackReceiver(Track);
        var frames = new List<VideoFrame>();
        receiver.FrameReady += frames.Add;
        return (receiver, frames);
    }

    private static void Deliver(VideoTrackReceiver receiver, IEnumerable<RtpPacket> packets)
    {
        foreach (var packet in packets)
        {
            receiver.OnRtp(packet.ToArray(), Stopwatch.GetTimestamp());
        }
    }

    [Test]
    public void Fragments_delivered_out_of_order_still_make_the_original_jpeg()
    {
        var (receiver, frames) = NewReceiver();
        var jpeg = TestJpeg.Frame(1);
        var packets = TestJpeg.Packets(jpeg, 100, 9000);
        packets.Count.Should().BeGreaterThan(3);
        (packets[1], packets[2]) = (packets[2], packets[1]);

        Deliver(receiver, packets);

        frames.Should().ContainSingle().Which.Data.Should().Equal(jpeg);
        var statistics = receiver.GetStatistics();
        statistics.IncompleteFrames.Should().Be(0);
        statistics.ReorderedPackets.Should().BeGreaterThan(0, "statistics see the arrival order, before the reorder buffer");
    }

    [Test]
    public void A_frame_with_a_lost_fragment_is_counted_incomplete_and_not_shown()
    {
        var (receiver, frames) = NewReceiver();
        var first = TestJpeg.Packets(TestJpeg.Frame(1), 100, 9000);
        var second = TestJpeg.Packets(TestJpeg.Frame(2), (ushort)(100 + first.Count), 12600);
        first.RemoveAt(2);

        Deliver(receiver, first.Concat(second));
        receiver.Flush();

        frames.Should().ContainSingle().Which.RtpTimestamp.Should().Be(12600);
        var statistics = receiver.GetStatistics();
        statistics.IncompleteFrames.Should().Be(1);
        statistics.LostPackets.Should().Be(1);
    }

    [Test]
    public void Positions_follow_the_rtp_time_anchored_by_the_play_answer()
    {
        var (receiver, frames) = NewReceiver();
        receiver.BeginPlay();
        receiver.CompletePlay(4.0, rtpTime: 90000);

        Deliver(receiver, TestJpeg.Packets(TestJpeg.Frame(1), 1, 90000 + 45000));

        frames.Should().ContainSingle().Which.Position.Should().BeApproximately(4.5, 1e-9);
    }

    [Test]
    public void Frames_that_arrive_before_the_play_answer_wait_for_it_and_get_their_position()
    {
        var (receiver, frames) = NewReceiver();
        receiver.BeginPlay();
        var first = TestJpeg.Packets(TestJpeg.Frame(1), 1, 180000);
        Deliver(receiver, first);
        Deliver(receiver, TestJpeg.Packets(TestJpeg.Frame(2), (ushort)(1 + first.Count), 183600));
        frames.Should().BeEmpty("the PLAY answer has not anchored positions yet");

        receiver.CompletePlay(7.0, rtpTime: null);

        frames.Select(f => f.Position).Should().Equal(7.0, 7.04);
    }

    [Test]
    public void A_resume_without_range_keeps_the_earlier_anchor()
    {
        var (receiver, frames) = NewReceiver();
        receiver.BeginPlay();
        receiver.CompletePlay(0, rtpTime: 1000);
        receiver.BeginPlay();
        receiver.CompletePlay(null, null);

        Deliver(receiver, TestJpeg.Packets(TestJpeg.Frame(1), 1, 1000 + 90000));

        frames.Should().ContainSingle().Which.Position.Should().BeApproximately(1.0, 1e-9);
    }

    [Test]
    public void Packets_of_another_payload_type_do_not_enter_the_statistics()
    {
        var (receiver, _) = NewReceiver();
        var foreign = TestJpeg.Packet(1);
        foreign.PayloadType = 96;

        receiver.OnRtp(foreign.ToArray(), Stopwatch.GetTimestamp());
        receiver.OnRtp(new byte[] { 1, 2, 3 }, Stopwatch.GetTimestamp());

        var statistics = receiver.GetStatistics();
        statistics.Packets.Should().Be(0);
        statistics.IgnoredPackets.Should().Be(2);
    }
}
