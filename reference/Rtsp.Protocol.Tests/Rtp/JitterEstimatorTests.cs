using Rtsp.Protocol.Rtp;

namespace Rtsp.Protocol.Tests.Rtp;

public class JitterEstimatorTests
{
    [Test]
    public void Follows_rfc_3550_a8_on_a_hand_computed_sequence()
    {
        // 25 fps at 90 kHz: 3600 ticks a frame. Arrivals late by 1 ms (90 ticks), on time, 2 ms late, on time.
        // D = 90, -90, 180, -180; J = 90/16 = 5.625; + (90 - 5.625)/16 = 10.8984375; + (180 - J)/16 = 21.46728515625; ...
        var jitter = new JitterEstimator(90000);
        uint[] timestamps = [0, 3600, 7200, 10800, 14400];
        long[] arrivals = [0, 3690, 7200, 10980, 14400];
        double[] expected = [0, 5.625, 10.8984375, 21.46728515625, 31.375579833984375];

        for (int i = 0; i < timestamps.Length; i++)
        {
            jitter.Update(timestamps[i], arrivals[i]);
            jitter.Jitter.Should().Be(expected[i], $"after packet {i}");
        }
        jitter.Count.Should().Be(5);
        jitter.JitterForReport.Should().Be(31u);
        jitter.JitterMilliseconds.Should().BeApproximately(31.375579833984375 / 90, 1e-12);
    }

    [Test]
    public void A_constant_transit_delay_is_no_jitter()
    {
        var jitter = new JitterEstimator(90000);
        for (uint i = 0; i < 100; i++)
        {
            jitter.Update(1000 + (3600 * i), 123_456 + (3600L * i));
        }
        jitter.Jitter.Should().Be(0);
    }

    [Test]
    public void A_timestamp_wrap_between_packets_is_not_a_jump()
    {
        var jitter = new JitterEstimator(90000);
        jitter.Update(uint.MaxValue - 3599, 0L);
        jitter.Update(0u, 3600L);
        jitter.Update(3600u, 7200L + 160);
        jitter.Jitter.Should().Be(10); // only the 160-tick late arrival counts: 160 / 16
    }

    [Test]
    public void Converges_to_the_mean_absolute_deviation()
    {
        var jitter = new JitterEstimator(8000);
        for (int i = 0; i < 400; i++)
        {
            // Every packet 8 ticks (1 ms at 8 kHz) off from the previous transit: |D| = 8 throughout.
            jitter.Update((uint)(160 * i), 160L * i + (i % 2 == 0 ? 0 : 8));
        }
        jitter.Jitter.Should().BeApproximately(8, 1e-6);
        jitter.JitterMilliseconds.Should().BeApproximately(1, 1e-6);
    }

    [Test]
    public void Arrival_as_time_is_converted_with_the_clock_rate()
    {
        var jitter = new JitterEstimator(90000);
        jitter.Update(0u, TimeSpan.Zero);
        jitter.Update(3600u, TimeSpan.FromMilliseconds(41.6)); // 1.6 ms late = 144 ticks
        jitter.Jitter.Should().BeApproximately(144 / 16d, 1e-9);
    }

    [Test]
    public void A_clock_rate_must_be_positive()
    {
        ((Action)(() => _ = new JitterEstimator(0))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
