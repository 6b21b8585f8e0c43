using FluentAssertions;
using Rtsp.Harness.Analysis.Robustness;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Tests.Robustness;

/// <summary>robust.session.ids from ids in memory: repeats and short encodings are findings, 128-bit ones pass.</summary>
public sealed class SessionIdStrengthTests
{
    [Test]
    public void Thirty_two_hex_digits_carry_128_bits()
    {
        var result = SessionIdStrength.Judge(["43666b45fb9da6b91248ebc6d51de51b", "142ef92457ce4af70cea288687b30a93"]);
        result.Verdict.Should().Be(Verdict.Pass, result.Evidence);
        result.Metrics!["max_bits"].Should().Be(128);
    }

    [Test]
    public void Sixteen_url_safe_characters_cannot()
    {
        var result = SessionIdStrength.Judge(["yhO1g-ShRROeKwwr", "ghKIWt+IWE0_qHY2", "0F.XnOAi.98zb9C3"]);
        result.Verdict.Should().Be(Verdict.Fail);
        result.Evidence.Should().Contain("at most 97 bits").And.Contain("fewer than 128");
    }

    [Test]
    public void An_id_handed_out_twice_fails()
    {
        var result = SessionIdStrength.Judge(["1234ABCD", "1234ABCD"]);
        result.Verdict.Should().Be(Verdict.Fail);
        result.Evidence.Should().Contain("handed out more than once: 1234ABCD");
    }

    [Test]
    public void No_ids_is_not_applicable() => SessionIdStrength.Judge([]).Verdict.Should().Be(Verdict.NotApplicable);
}
