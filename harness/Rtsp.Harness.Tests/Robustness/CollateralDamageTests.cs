using FluentAssertions;
using Rtsp.Harness.Analysis.Robustness;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Tests.Robustness;

/// <summary>The healthy session's judgement from packets in memory: loss, stalls (edges included) and starvation.</summary>
public sealed class CollateralDamageTests
{
    private const long Ms = 1_000_000;

    /// <summary>Ten packets a frame at 25 fps for <paramref name="frames"/> frames from t = 0.</summary>
    private static List<(long, ushort)> Stream(int frames, Func<int, bool>? keep = null, Func<int, long>? delay = null) =>
        Enumerable.Range(0, frames * 10).Where(i => keep?.Invoke(i) ?? true)
            .Select(i => ((i / 10 * 40 * Ms) + (i % 10 * Ms) + (delay?.Invoke(i) ?? 0), (ushort)(65500 + i))).ToList();

    [Test]
    public void A_steady_stream_across_a_sequence_wrap_passes()
    {
        var result = CollateralDamage.Judge(Stream(50), 0, 2000 * Ms, 25, "udp", null);
        result.Verdict.Should().Be(Verdict.Pass, result.Evidence);
        result.Metrics!["lost"].Should().Be(0);
        result.Metrics["longest_stall_ms"].Should().BeLessThan(41);
    }

    [Test]
    public void A_lost_packet_fails()
    {
        var result = CollateralDamage.Judge(Stream(50, keep: i => i != 137), 0, 2000 * Ms, 25, "udp", null);
        result.Verdict.Should().Be(Verdict.Fail);
        result.Evidence.Should().Contain("1 lost");
    }

    [Test]
    public void A_stall_beyond_a_second_fails_and_names_where()
    {
        var result = CollateralDamage.Judge(Stream(50, delay: i => i >= 200 ? 1200 * Ms : 0), 0, 3300 * Ms, 25, "tcp", null);
        result.Verdict.Should().Be(Verdict.Fail);
        result.Evidence.Should().Contain("longest stall 1231 ms at +769 ms");
    }

    [Test]
    public void Silence_at_the_end_of_the_window_counts_as_a_stall()
    {
        var result = CollateralDamage.Judge(Stream(10), 0, 2000 * Ms, 25, "udp", null);
        result.Verdict.Should().Be(Verdict.Fail);
        result.Metrics!["longest_stall_ms"].Should().BeGreaterThan(1000);
    }

    [Test]
    public void No_packet_at_all_is_starvation()
    {
        var result = CollateralDamage.Judge([], 0, 1000 * Ms, 25, "udp", null);
        result.Verdict.Should().Be(Verdict.Fail);
        result.Evidence.Should().Contain("starved");
    }
}
