using System.Diagnostics;
using Rtsp.Media;
using Rtsp.Media.Live;
using Rtsp.Server.Streaming;

namespace Rtsp.Server.Tests.OpenCv;

/// <summary>The live fan-out (one publish, many cursors) and the live sender's clock, in memory.</summary>
public sealed class LiveFanOutTests
{
    [Test]
    public void Every_cursor_gets_every_frame_in_order_and_a_slow_one_skips_to_the_newest()
    {
        var broadcast = new LiveFrameBroadcast();
        var fast = broadcast.CreateCursor();
        var slow = broadcast.CreateCursor();
        var fastNumbers = new List<long>();
        for (int n = 0; n < 80; n++)
        {
            broadcast.Publish(new EncodedFrame(n, new byte[] { (byte)n }));
            fastNumbers.Add(fast.TakeNext()!.Number);
        }

        fastNumbers.Should().Equal(Enumerable.Range(0, 80).Select(n => (long)n));
        slow.TakeNext()!.Number.Should().Be(79, "a viewer more than half the ring behind jumps to the newest");
        slow.TakeNext().Should().BeNull();
    }

    [Test]
    public void A_cursor_a_little_behind_catches_up_without_skipping()
    {
        var broadcast = new LiveFrameBroadcast();
        var cursor = broadcast.CreateCursor();
        broadcast.Publish(new EncodedFrame(0, new byte[1]));
        cursor.TakeNext()!.Number.Should().Be(0);
        for (int n = 1; n <= 5; n++)
            broadcast.Publish(new EncodedFrame(n, new byte[1]));

        Enumerable.Range(0, 5).Select(_ => cursor.TakeNext()!.Number).Should().Equal(1, 2, 3, 4, 5);
    }

    [Test]
    public void A_burst_of_a_third_of_a_second_is_taken_in_order_without_a_jump()
    {
        var broadcast = new LiveFrameBroadcast();
        var cursor = broadcast.CreateCursor();
        broadcast.Publish(new EncodedFrame(0, new byte[1]));
        cursor.TakeNext()!.Number.Should().Be(0);
        for (int n = 1; n <= 14; n++)
            broadcast.Publish(new EncodedFrame(n, new byte[1]));

        cursor.HasWaiting.Should().BeTrue();
        Enumerable.Range(0, 14).Select(_ => cursor.TakeNext()!.Number).Should().Equal(Enumerable.Range(1, 14).Select(n => (long)n),
            "a capture or sending thread descheduled for half a second on CI left a viewer 14 frames behind, and it jumped (frames 117 -> 131)");
        cursor.HasWaiting.Should().BeFalse();
    }

    [Test]
    public void A_viewer_more_than_half_the_ring_behind_jumps_and_the_skip_is_reported()
    {
        var broadcast = new LiveFrameBroadcast();
        var skips = new List<long>();
        broadcast.ViewerSkipped += skips.Add;
        var cursor = broadcast.CreateCursor();
        broadcast.Publish(new EncodedFrame(0, new byte[1]));
        cursor.TakeNext()!.Number.Should().Be(0);
        for (int n = 1; n <= LiveFrameBroadcast.RingSize / 2; n++)
            broadcast.Publish(new EncodedFrame(n, new byte[1]));

        cursor.TakeNext()!.Number.Should().Be(LiveFrameBroadcast.RingSize / 2);
        skips.Should().Equal(LiveFrameBroadcast.RingSize / 2 - 1);
    }

    [Test]
    public void A_number_the_source_skipped_does_not_stall_the_cursor()
    {
        var broadcast = new LiveFrameBroadcast();
        var cursor = broadcast.CreateCursor();
        broadcast.Publish(new EncodedFrame(0, new byte[1]));
        cursor.TakeNext()!.Number.Should().Be(0);
        broadcast.Publish(new EncodedFrame(2, new byte[1]));

        cursor.TakeNext()!.Number.Should().Be(2, "the live pattern numbers frames by the clock, so a late producer skips a number");
    }

    [Test]
    public void An_ended_source_ends_each_cursor_after_its_last_frame()
    {
        var broadcast = new LiveFrameBroadcast();
        var cursor = broadcast.CreateCursor();
        broadcast.Publish(new EncodedFrame(0, new byte[1]));
        broadcast.End("unplugged");

        cursor.HasEnded.Should().BeFalse("frame 0 is still to be sent");
        cursor.TakeNext()!.Number.Should().Be(0);
        cursor.HasEnded.Should().BeTrue();
        broadcast.EndReason.Should().Be("unplugged");
    }

    [Test]
    public void A_cursor_skips_frames_up_to_its_stale_mark()
    {
        var broadcast = new LiveFrameBroadcast();
        broadcast.Publish(new EncodedFrame(0, new byte[1], 1));
        var fresh = broadcast.CreateCursor(staleUpTo: broadcast.Newest);

        fresh.TakeNext().Should().BeNull("frame 0 is from before an idle spell");
        broadcast.Publish(new EncodedFrame(1, new byte[1], 2));
        fresh.TakeNext()!.Number.Should().Be(1);
    }

    /// <summary>
    /// The live pattern's producer thread waits on its stop token between frames; the last viewer leaving used to
    /// dispose that token under it, and the ObjectDisposedException on the producer thread ended the server
    /// (seen in a harness run: describe-live's TEARDOWN, then "Connection refused" for every later scenario).
    /// </summary>
    [Test]
    public void Viewers_coming_and_going_never_break_the_live_pattern_producer()
    {
        using var live = new Rtsp.Media.Pattern.LivePatternSource("live", new Rtsp.Media.Pattern.PatternRenderer(64, 64, 200));

        // An exception on the producer thread ends the test host: that is how this test fails.
        for (int i = 0; i < 300; i++)
        {
            var viewer = live.Subscribe();
            Thread.SpinWait(Random.Shared.Next(0, 200_000));
            viewer.Dispose();
        }
        var last = live.Subscribe();
        SpinWait.SpinUntil(() => last.TakeNext() is not null, TimeSpan.FromSeconds(5)).Should().BeTrue("the producer still runs");
        last.Dispose();
    }

    [Test]
    public void Leaving_runs_the_dispose_action_once()
    {
        int left = 0;
        var cursor = new LiveFrameBroadcast().CreateCursor(() => left++);
        cursor.Dispose();
        cursor.Dispose();
        left.Should().Be(1);
    }

    [Test]
    public void Timestamps_follow_capture_times_from_the_announced_start()
    {
        double period = Stopwatch.Frequency / 25.0;
        var timing = new LiveTiming(period, 90000);
        long t0 = Stopwatch.GetTimestamp();
        timing.StartRun(1000);

        uint first = timing.TimestampOf(Frame(t0), t0);
        uint second = timing.TimestampOf(Frame(t0 + Stopwatch.Frequency / 25), t0 + 1);
        uint late = timing.TimestampOf(Frame(t0 + Stopwatch.Frequency / 10), t0 + 2);

        first.Should().Be(1000u, "the first frame of a run carries the rtptime RTP-Info announced");
        second.Should().Be(1000u + 3600);
        late.Should().Be(1000u + 9000, "a frame captured 100 ms after the first is 9000 ticks later, whatever the nominal rate");
        timing.NextTimestamp.Should().Be(1000u + 9000 + 3600, "a PAUSE resumes one frame after the last one sent");
    }

    [Test]
    public void Timestamps_never_go_back_even_if_capture_times_do()
    {
        var timing = new LiveTiming(Stopwatch.Frequency / 25.0, 90000);
        long t0 = Stopwatch.GetTimestamp();
        timing.StartRun(uint.MaxValue - 10);

        uint a = timing.TimestampOf(Frame(t0), t0);
        uint b = timing.TimestampOf(Frame(t0 - 1000), t0);

        b.Should().Be(unchecked(a + 1), "RTP timestamps of successive frames must advance (across the 32-bit wrap too)");
    }

    [Test]
    public void After_a_frame_the_next_look_is_one_period_after_its_capture_and_retries_are_short()
    {
        long period = Stopwatch.Frequency / 25;
        var timing = new LiveTiming(period, 90000);
        long t0 = Stopwatch.GetTimestamp();
        timing.StartRun(0);

        long beforeAny = timing.NextPoll(t0) - t0;
        timing.TimestampOf(Frame(t0), t0);
        long afterFrame = timing.NextPoll(t0);
        long missed = timing.NextPoll(t0 + period + 1) - (t0 + period + 1);

        beforeAny.Should().BeLessThanOrEqualTo(period / LiveTiming.RetryDivisor);
        afterFrame.Should().Be(t0 + period + LiveTiming.Margin, "one period after the frame's capture, alike for every session");
        missed.Should().BeLessThanOrEqualTo(Stopwatch.Frequency / 200, "retries are at most 5 ms apart");
    }

    [Test]
    public void The_next_look_follows_when_the_last_frame_was_published_not_its_capture_stamp()
    {
        long period = Stopwatch.Frequency / 25;
        var timing = new LiveTiming(period, 90000);
        long published = Stopwatch.GetTimestamp();
        timing.StartRun(0);

        // A queued frame the capture clock stamped 3 periods after it was read (nominal spacing through a burst).
        timing.TimestampOf(Frame(published + 3 * period) with { PublishedAt = published }, published);

        timing.NextPoll(published).Should().Be(published + period + LiveTiming.Margin, "the next frame may already be waiting");
    }

    [Test]
    public void Frames_read_back_to_back_after_a_stall_keep_their_nominal_spacing()
    {
        long period = Stopwatch.Frequency / 25;
        var clock = new CaptureClock(25);
        long t0 = 1_000_000_000;

        long[] stamps = [clock.Stamp(t0), clock.Stamp(t0 + period), clock.Stamp(t0 + 3 * period + 10), clock.Stamp(t0 + 3 * period + 20), clock.Stamp(t0 + 3 * period + 30)];

        stamps.Zip(stamps.Skip(1)).Select(pair => pair.Second - pair.First).Should().OnlyContain(step => step == period);
        clock.Resyncs.Should().Be(0);
    }

    [Test]
    public void A_real_gap_resyncs_the_capture_clock()
    {
        long period = Stopwatch.Frequency / 25;
        var clock = new CaptureClock(25);
        long t0 = 1_000_000_000;
        clock.Stamp(t0);

        long afterGap = clock.Stamp(t0 + 20 * period);

        afterGap.Should().Be(t0 + 20 * period, "20 periods without a frame is not jitter: frames were lost");
        clock.Resyncs.Should().Be(1);
    }

    private static EncodedFrame Frame(long captured) => new(0, new byte[1], captured);
}
