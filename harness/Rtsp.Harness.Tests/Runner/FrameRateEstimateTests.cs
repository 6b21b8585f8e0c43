using FluentAssertions;
using Rtsp.Harness.Runner;

namespace Rtsp.Harness.Tests.Runner;

/// <summary>The frame rate of a target without a=framerate, read from its RTP timestamps.</summary>
public sealed class FrameRateEstimateTests
{
    /// <summary>Packets of frames at <paramref name="fps"/> (3 packets a frame), numbered from a wrapping timestamp.</summary>
    private static List<MediaPacketEntry> Frames(double fps, int frames, params int[] dropped)
    {
        var packets = new List<MediaPacketEntry>();
        ushort seq = 0;
        for (var i = 0; i < frames; i++)
        {
            if (dropped.Contains(i))
            {
                continue;
            }

            var timestamp = unchecked(uint.MaxValue - 9000u + (uint)Math.Round(i * 90000 / fps));
            for (var p = 0; p < 3; p++)
            {
                packets.Add(new MediaPacketEntry(i * 1_000_000L, seq++, timestamp, 0x1234, p == 2));
            }
        }

        return packets;
    }

    [TestCase(15.0)]
    [TestCase(25.0)]
    [TestCase(30.0)]
    [TestCase(29.97)]
    public void The_median_timestamp_step_gives_the_rate_across_a_wrap_and_a_dropped_frame(double fps)
    {
        FrameRateEstimate.FromTimestamps(Frames(fps, 20, dropped: 7), 90000).Should().BeApproximately(fps, 0.05);
    }

    [Test]
    public void Too_few_frames_give_no_rate()
    {
        FrameRateEstimate.FromTimestamps(Frames(25, FrameRateEstimate.MinimumSteps), 90000).Should().BeNull();
        FrameRateEstimate.FromTimestamps([], 90000).Should().BeNull();
    }

    [Test]
    public void A_seek_jump_does_not_count_as_a_frame_interval()
    {
        var packets = Frames(15, 10);
        var afterSeek = Frames(15, 10).Select(p => p with { Timestamp = p.Timestamp + (90000 * 6) }).ToList();

        FrameRateEstimate.FromTimestamps([.. packets, .. afterSeek], 90000).Should().BeApproximately(15, 0.05);
    }
}
