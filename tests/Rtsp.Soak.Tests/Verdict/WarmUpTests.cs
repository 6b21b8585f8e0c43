using Rtsp.Soak.Sampling;

namespace Rtsp.Soak.Tests.Verdict;

public class WarmUpTests
{
    private static List<ResourceSample> WarmUp(params double[] rssMiB) =>
        [.. rssMiB.Select((rss, i) => new ResourceSample(TimeSpan.FromSeconds(i), SoakPhase.WarmUp, (long)(rss * 1024), 200, 20, 50,
            new Dictionary<string, int>(), i * 300, i * 10_000, 0, 50))];

    [Test]
    public void Rss_still_climbing_more_than_two_percent_is_not_settled()
    {
        // Measured shape: 142 MiB after 1,000 cycles, 163 after 3,000.
        SoakRun.RssSettled(WarmUp(130, 134, 138, 140, 142, 146, 150, 155, 160, 163)).Should().BeFalse();
    }

    [Test]
    public void Rss_flat_within_noise_is_settled()
    {
        SoakRun.RssSettled(WarmUp(170, 172, 169, 173, 171, 172, 174, 170, 173, 171)).Should().BeTrue();
    }

    [Test]
    public void Fewer_than_ten_warm_up_samples_are_not_enough_to_say()
    {
        SoakRun.RssSettled(WarmUp(170, 170, 170, 170, 170, 170, 170, 170, 170)).Should().BeFalse();
    }
}
