using Rtsp.Protocol.Rtp;

namespace Rtsp.Protocol.Tests.Rtp;

public class RtpReceptionStatisticsTests
{
    private static (RtpReceptionStatistics Statistics, List<SequenceEvent> Events) Feed(params int[] sequence) =>
        Feed(new RtpReceptionStatistics(), sequence);

    private static (RtpReceptionStatistics Statistics, List<SequenceEvent> Events) Feed(RtpReceptionStatistics statistics, params int[] sequence)
    {
        var events = sequence.Select(seq => statistics.Update((ushort)seq)).ToList();
        return (statistics, events);
    }

    [Test]
    public void An_unbroken_run_loses_nothing()
    {
        var (stats, events) = Feed(Enumerable.Range(7952, 931).ToArray());

        events[0].Should().Be(SequenceEvent.First);
        events.Skip(1).Should().AllBeEquivalentTo(SequenceEvent.InOrder);
        stats.Received.Should().Be(931);
        stats.Expected.Should().Be(931);
        stats.CumulativeLost.Should().Be(0);
        stats.ExtendedHighestSequence.Should().Be(8882u);
        stats.BaseSequence.Should().Be(7952);
        stats.FractionLostSinceLastReport().Should().Be(0);
    }

    [Test]
    public void A_gap_counts_as_loss_and_fraction_lost_is_8_bit_fixed_point()
    {
        var (stats, events) = Feed(1, 2, 5, 6);

        events.Should().Equal(SequenceEvent.First, SequenceEvent.InOrder, SequenceEvent.Gap, SequenceEvent.InOrder);
        stats.Expected.Should().Be(6);
        stats.Received.Should().Be(4);
        stats.CumulativeLost.Should().Be(2);
        stats.FractionLostSinceLastReport().Should().Be((2 << 8) / 6); // 85
    }

    [Test]
    public void Fraction_lost_covers_only_the_interval_since_the_last_report()
    {
        var stats = new RtpReceptionStatistics();
        Feed(stats, 1, 2, 5, 6);
        stats.FractionLostSinceLastReport().Should().Be(85);

        Feed(stats, 7, 8, 9, 10);
        stats.FractionLostSinceLastReport().Should().Be(0);

        Feed(stats, 12);
        stats.FractionLostSinceLastReport().Should().Be(128); // 1 of 2 expected
        stats.CumulativeLost.Should().Be(3);
    }

    [Test]
    public void Duplicates_are_counted_received_and_can_make_loss_negative()
    {
        var (stats, events) = Feed(1, 2, 2, 3, 2);

        events.Should().Equal(SequenceEvent.First, SequenceEvent.InOrder, SequenceEvent.Duplicate, SequenceEvent.InOrder, SequenceEvent.Duplicate);
        stats.Duplicates.Should().Be(2);
        stats.Reordered.Should().Be(0);
        stats.Received.Should().Be(5);
        stats.CumulativeLost.Should().Be(-2);
        stats.FractionLostSinceLastReport().Should().Be(0); // negative loss reports as 0 (A.3)
    }

    [Test]
    public void A_late_packet_is_reordered_once_then_a_duplicate()
    {
        var (stats, events) = Feed(10, 12, 13, 11, 11);

        events.Should().Equal(SequenceEvent.First, SequenceEvent.Gap, SequenceEvent.InOrder, SequenceEvent.Reordered, SequenceEvent.Duplicate);
        stats.Reordered.Should().Be(1);
        stats.Duplicates.Should().Be(1);
        stats.Expected.Should().Be(4);
        stats.Received.Should().Be(5);
    }

    [Test]
    public void The_sequence_wraps_from_65535_to_0_into_the_next_cycle()
    {
        var (stats, events) = Feed(65534, 65535, 0, 1);

        events.Should().Equal(SequenceEvent.First, SequenceEvent.InOrder, SequenceEvent.InOrder, SequenceEvent.InOrder);
        stats.ExtendedHighestSequence.Should().Be(0x1_0001u);
        stats.Expected.Should().Be(4);
        stats.CumulativeLost.Should().Be(0);
    }

    [Test]
    public void Reordering_across_the_wrap_is_still_reordering()
    {
        var (stats, events) = Feed(65535, 1, 0, 0);

        events.Should().Equal(SequenceEvent.First, SequenceEvent.Gap, SequenceEvent.Reordered, SequenceEvent.Duplicate);
        stats.ExtendedHighestSequence.Should().Be(0x1_0001u);
        stats.Expected.Should().Be(3);
        stats.Received.Should().Be(4);
    }

    [Test]
    public void Several_wraps_accumulate_cycles()
    {
        var stats = new RtpReceptionStatistics();
        for (int i = 0; i < 3 * 65536 + 10; i++)
        {
            stats.Update((ushort)i); // in order through three wraps
        }
        stats.ExtendedHighestSequence.Should().Be(3u * 65536 + 9);
        stats.Expected.Should().Be(3 * 65536 + 10);
        stats.CumulativeLost.Should().Be(0);
    }

    [Test]
    public void A_big_jump_confirmed_by_the_next_packet_restarts_the_source()
    {
        var (stats, events) = Feed(100, 101, 102, 20000, 20001, 20002);

        events.Should().Equal(
            SequenceEvent.First, SequenceEvent.InOrder, SequenceEvent.InOrder, SequenceEvent.Jump, SequenceEvent.Restart, SequenceEvent.InOrder);
        stats.Restarts.Should().Be(1);
        stats.BaseSequence.Should().Be(20001); // A.1: the jump packet itself is not counted
        stats.Received.Should().Be(2);
        stats.Expected.Should().Be(2);
        stats.ExtendedHighestSequence.Should().Be(20002u);
    }

    [Test]
    public void A_single_stray_packet_far_away_is_ignored()
    {
        var (stats, events) = Feed(100, 101, 40000, 102, 103);

        events.Should().Equal(SequenceEvent.First, SequenceEvent.InOrder, SequenceEvent.Jump, SequenceEvent.InOrder, SequenceEvent.InOrder);
        stats.Received.Should().Be(4);
        stats.Expected.Should().Be(4);
        stats.Restarts.Should().Be(0);
    }

    [TestCase(2999, SequenceEvent.Gap)]
    [TestCase(3000, SequenceEvent.Jump)]
    public void Max_dropout_separates_a_gap_from_a_jump(int ahead, SequenceEvent expected)
    {
        var (_, events) = Feed(1000, 1000 + ahead);
        events[1].Should().Be(expected);
    }

    [TestCase(99, SequenceEvent.Reordered)]
    [TestCase(100, SequenceEvent.Jump)] // A.1: MAX_MISORDER or more behind is treated like a jump
    public void Max_misorder_separates_a_late_packet_from_a_jump(int behind, SequenceEvent expected)
    {
        var (_, events) = Feed(1000, 1000 - behind);
        events[1].Should().Be(expected);
    }

    [Test]
    public void A_gap_forgets_the_numbers_it_skips_so_late_ones_are_not_false_duplicates()
    {
        // 0..127 fill the 128-bit window; after the jump to 300, bit 299 % 128 = 43 still held seq 43 unless cleared.
        var stats = new RtpReceptionStatistics();
        Feed(stats, Enumerable.Range(0, 128).ToArray());

        var (_, events) = Feed(stats, 300, 299, 299);

        events.Should().Equal(SequenceEvent.Gap, SequenceEvent.Reordered, SequenceEvent.Duplicate);
        stats.Duplicates.Should().Be(1);
        stats.Reordered.Should().Be(1);
    }

    [Test]
    public void Probation_needs_min_sequential_packets_in_a_row()
    {
        var stats = new RtpReceptionStatistics(minSequential: 2);
        var (_, events) = Feed(stats, 500, 900, 901, 902);

        events.Should().Equal(SequenceEvent.Probation, SequenceEvent.Probation, SequenceEvent.First, SequenceEvent.InOrder);
        stats.BaseSequence.Should().Be(901);
        stats.Received.Should().Be(2);
        stats.Expected.Should().Be(2);
    }

    [Test]
    public void Nothing_received_means_nothing_expected()
    {
        var stats = new RtpReceptionStatistics();
        stats.Started.Should().BeFalse();
        stats.Expected.Should().Be(0);
        stats.FractionLostSinceLastReport().Should().Be(0);
    }
}
