using Rtsp.Protocol.Rtcp;

namespace Rtsp.Protocol.Tests.Rtcp;

public class NtpTimestampTests
{
    [Test]
    public void The_unix_epoch_is_2208988800_ntp_seconds()
    {
        var ntp = NtpTimestamp.FromDateTime(DateTime.UnixEpoch);
        ntp.Value.Should().Be(0x83AA7E80_00000000UL);
        ntp.Seconds.Should().Be(2208988800u);
    }

    [Test]
    public void Half_a_second_is_the_top_fraction_bit_and_middle32_takes_16_16()
    {
        var ntp = NtpTimestamp.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(500));
        ntp.Fraction.Should().Be(0x8000_0000u);
        ntp.Middle32.Should().Be(0x7E80_8000u);
    }

    [Test]
    public void A_transcript_date_converts_both_ways_to_the_tick()
    {
        var time = new DateTime(2026, 11, 24, 18, 47, 44, DateTimeKind.Utc).AddTicks(1234567);
        var ntp = NtpTimestamp.FromDateTime(time);
        ntp.Seconds.Should().Be(0xEEB05A50u);
        // 100 ns ticks lose at most one tick through the 2^-32 s fraction.
        (ntp.ToDateTime() - time).Duration().Should().BeLessThanOrEqualTo(TimeSpan.FromTicks(1));
        ntp.ToDateTime().Kind.Should().Be(DateTimeKind.Utc);
    }

    [Test]
    public void After_the_2036_rollover_seconds_restart_at_zero_and_read_back_as_era_1()
    {
        var rollover = new DateTime(2036, 2, 7, 6, 28, 16, DateTimeKind.Utc);
        NtpTimestamp.FromDateTime(rollover).Value.Should().Be(0UL);
        var later = rollover.AddHours(1);
        NtpTimestamp.FromDateTime(later).ToDateTime().Should().Be(later);
    }

    [Test]
    public void A_local_time_is_converted_to_utc_first()
    {
        var utc = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        NtpTimestamp.FromDateTime(utc.ToLocalTime()).Should().Be(NtpTimestamp.FromDateTime(utc));
    }

    [Test]
    public void Times_outside_the_two_ntp_eras_are_rejected()
    {
        ((Action)(() => NtpTimestamp.FromDateTime(new DateTime(1899, 12, 31, 0, 0, 0, DateTimeKind.Utc)))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => NtpTimestamp.FromDateTime(new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc)))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
