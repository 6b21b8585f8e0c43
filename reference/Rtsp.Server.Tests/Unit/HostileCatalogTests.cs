using Rtsp.Server.Faults;

namespace Rtsp.Server.Tests.Unit;

public class HostileCatalogTests
{
    /// <summary>The names are a contract with the client and harness tests (and README.md).</summary>
    private static readonly string[] ContractNames =
    [
        "garbage-status-line", "endless-headers", "huge-content-length", "slow-drip", "truncated-interleaved", "rtp-flood", "silence-after-200",
    ];

    [Test]
    public void Catalogue_has_exactly_the_contract_names_none_shared_with_a_fault_switch()
    {
        HostileCatalog.All.Select(h => h.Name).Should().BeEquivalentTo(ContractNames);
        HostileCatalog.All.Select(h => h.Kind).Should().OnlyHaveUniqueItems().And.HaveCount(Enum.GetValues<HostileKind>().Length);
        HostileCatalog.All.Should().OnlyContain(h => h.Attacks.Length > 5 && h.Behaviour.Length > 20);
        FaultCatalog.All.Select(f => f.Name).Should().NotIntersectWith(ContractNames);
    }

    [Test]
    public void Parse_sets_the_hostile_behaviour_beside_the_faults()
    {
        var set = FaultSet.Parse(["seq-gap"], "Slow-Drip");
        set.Hostile.Should().Be(HostileKind.SlowDrip);
        set.IsHostile(HostileKind.SlowDrip).Should().BeTrue();
        set.Has(FaultKind.SeqGap).Should().BeTrue();
        set.ToString().Should().Be("seq-gap; hostile: slow-drip");
        FaultSet.Parse([]).Hostile.Should().BeNull();
    }

    [Test]
    public void Parse_names_an_unknown_behaviour() =>
        FluentActions.Invoking(() => FaultSet.Parse([], "drip")).Should().Throw<ArgumentException>().WithMessage("*'drip'*--hostile list*");

    [Test]
    public void The_flood_runs_faster_for_its_window_then_at_the_normal_period()
    {
        double period = System.Diagnostics.Stopwatch.Frequency / 25.0;
        long floodFrames = HostileCatalog.FloodSeconds * 25 * HostileCatalog.FloodFactor;

        RtpFloodSchedule.Offset(HostileCatalog.FloodFactor, period).Should().BeCloseTo((long)period, 1, "40 frames leave in one normal period");
        RtpFloodSchedule.IsFlooding(floodFrames - 1, period).Should().BeTrue();
        RtpFloodSchedule.IsFlooding(floodFrames, period).Should().BeFalse();
        var afterFlood = RtpFloodSchedule.Offset(floodFrames + 1, period) - RtpFloodSchedule.Offset(floodFrames, period);
        afterFlood.Should().BeCloseTo((long)period, 1);
    }

    [Test]
    public void Describe_lists_every_behaviour() =>
        HostileCatalog.Describe().Should().ContainAll(ContractNames);
}
