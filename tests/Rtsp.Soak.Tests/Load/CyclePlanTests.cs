using Rtsp.Soak.Load;

namespace Rtsp.Soak.Tests.Load;

public class CyclePlanTests
{
    [Test]
    public void Half_the_cycles_use_udp_and_a_tenth_vanish_evenly_over_both_transports()
    {
        var plans = Enumerable.Range(0, 10_000).Select(i => CyclePlan.For(i)).ToList();

        plans.Count(p => p.Udp).Should().Be(5_000);
        plans.Count(p => p.Vanish).Should().Be(1_000);
        plans.Count(p => p.Vanish && p.Udp).Should().Be(500);
        plans.Count(p => p.Vanish && !p.Udp).Should().Be(500);
    }
}
