using Rtsp.Server.Faults;

namespace Rtsp.Server.Tests.Unit;

public class FaultCatalogTests
{
    /// <summary>The names are a contract with the harness: exactly these, nothing renamed.</summary>
    private static readonly string[] ContractNames =
    [
        "rtp-version", "payload-type", "ssrc-change", "seq-gap", "seq-duplicate", "seq-reorder", "ts-jump", "clock-rate",
        "no-marker", "marker-every-packet", "drop-fragment", "fragment-offset", "burst", "late-frames", "drift",
        "cseq-mismatch", "no-session-header", "rtpinfo-mismatch", "pause-ignored", "teardown-ignored", "seek-ignored",
        "no-rtcp", "sr-inconsistent", "play-before-setup-200",
        "h264-fu-no-start", "h264-fu-no-end", "h264-no-parameter-sets", "h264-ts-per-packet",
    ];

    [Test]
    public void Catalogue_has_exactly_the_contract_names_each_with_a_rule_and_behaviour()
    {
        FaultCatalog.All.Select(f => f.Name).Should().BeEquivalentTo(ContractNames);
        FaultCatalog.All.Select(f => f.Kind).Should().OnlyHaveUniqueItems().And.HaveCount(Enum.GetValues<FaultKind>().Length);
        FaultCatalog.All.Should().OnlyContain(f => f.Rule.Length > 10 && f.Behaviour.Length > 10);
    }

    [Test]
    public void Parse_accepts_comma_lists_and_repeats()
    {
        var set = FaultSet.Parse(["seq-gap,no-marker", "drift"]);
        set.Active.Should().BeEquivalentTo([FaultKind.SeqGap, FaultKind.NoMarker, FaultKind.Drift]);
        set.Has(FaultKind.Burst).Should().BeFalse();
        set.ToString().Should().Be("seq-gap,no-marker,drift");
    }

    [Test]
    public void Parse_names_an_unknown_fault() =>
        FluentActions.Invoking(() => FaultSet.Parse(["seq-gap,bogus"])).Should().Throw<ArgumentException>().WithMessage("*'bogus'*--fault list*");

    [Test]
    public void Describe_lists_every_switch() =>
        FaultCatalog.Describe().Should().ContainAll(ContractNames);
}
