using System.Diagnostics;
using Rtsp.Client.Media;
using Rtsp.Client.Tests.TestSupport;

namespace Rtsp.Client.Tests.Media;

public class RtpReorderBufferTests
{
    private static readonly long Now = Stopwatch.GetTimestamp();

    private static List<ushort> PushAll(RtpReorderBuffer buffer, params ushort[] sequences)
        => sequences.SelectMany(s => buffer.Push(TestJpeg.Packet(s), Now)).Select(p => p.SequenceNumber).ToList();

    [Test]
    public void Packets_in_order_pass_straight_through()
    {
        var buffer = new RtpReorderBuffer();

        PushAll(buffer, 10, 11, 12).Should().Equal(10, 11, 12);
        buffer.Count.Should().Be(0);
    }

    [Test]
    public void Swapped_packets_come_out_in_sequence_order()
    {
        var buffer = new RtpReorderBuffer();

        PushAll(buffer, 10, 12, 11, 13).Should().Equal(10, 11, 12, 13);
        buffer.GapsSkipped.Should().Be(0);
    }

    [Test]
    public void A_duplicate_and_a_packet_older_than_what_was_released_are_discarded()
    {
        var buffer = new RtpReorderBuffer();

        PushAll(buffer, 10, 11, 11, 9, 12).Should().Equal(10, 11, 12);
        buffer.Discarded.Should().Be(2);
    }

    [Test]
    public void A_gap_is_skipped_once_the_buffer_holds_capacity_packets()
    {
        var buffer = new RtpReorderBuffer(capacity: 4);

        PushAll(buffer, 1, 3, 4, 5).Should().Equal(1);
        PushAll(buffer, 6).Should().Equal(3, 4, 5, 6);
        buffer.GapsSkipped.Should().Be(1);
        PushAll(buffer, 2).Should().BeEmpty("sequence 2 comes after its place was given up");
    }

    [Test]
    public void A_gap_is_skipped_when_the_oldest_held_packet_waited_longer_than_max_hold()
    {
        var buffer = new RtpReorderBuffer(capacity: 100, maxHold: TimeSpan.FromMilliseconds(50));
        var later = Now + Stopwatch.Frequency; // one second after

        buffer.Push(TestJpeg.Packet(1), Now).Select(p => p.SequenceNumber).Should().Equal(1);
        buffer.Push(TestJpeg.Packet(3), Now).Should().BeEmpty();
        buffer.Push(TestJpeg.Packet(4), later).Select(p => p.SequenceNumber).Should().Equal(3, 4);
    }

    [Test]
    public void Order_survives_the_16_bit_wrap()
    {
        var buffer = new RtpReorderBuffer();

        PushAll(buffer, 65534, 0, 65535, 1).Should().Equal(65534, 65535, 0, 1);
    }

    [Test]
    public void A_jump_back_beyond_max_misorder_is_a_restarted_sequence_not_a_late_packet()
    {
        var buffer = new RtpReorderBuffer();

        PushAll(buffer, 5000, 5001).Should().Equal(5000, 5001);
        PushAll(buffer, 100, 101).Should().Equal(100, 101);
        buffer.Discarded.Should().Be(0);
    }

    [Test]
    public void Flush_releases_held_packets_across_gaps()
    {
        var buffer = new RtpReorderBuffer();
        PushAll(buffer, 1, 3, 5);

        buffer.Flush().Select(p => p.SequenceNumber).Should().Equal(3, 5);
        buffer.Count.Should().Be(0);
    }

    [Test]
    public void After_reset_the_next_packet_starts_a_new_sequence()
    {
        var buffer = new RtpReorderBuffer();
        PushAll(buffer, 1, 2);
        buffer.Reset();

        PushAll(buffer, 40, 41).Should().Equal(40, 41);
    }
}
