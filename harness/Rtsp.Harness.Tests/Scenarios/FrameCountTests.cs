using FluentAssertions;
using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Tests.Scenarios;

/// <summary>Frame-count bounds relative to the target's rate: one scenario fits 15, 25 and 30 fps.</summary>
public sealed class FrameCountTests
{
    private static FrameCount Parse(string text) => FrameCount.TryParse(text, out var error) ?? throw new AssertionException(error!);

    [TestCase("40", 15, 3.0, 40, 40)]
    [TestCase("70%", 25, 3.0, 52, 53)]
    [TestCase("70%", 15, 3.0, 31, 32)]
    [TestCase("80% of 2s", 30, 3.0, 48, 48)]
    [TestCase("112% of 2s", 25, 3.0, 56, 56)]
    [TestCase("112% of 2s", 15, 3.0, 33, 34)]
    [TestCase("60%", 1, 0.3, 1, 1)]
    public void Bounds_scale_with_the_rate(string text, double fps, double windowSeconds, int lower, int upper)
    {
        var count = Parse(text);

        count.LowerBound(fps, TimeSpan.FromSeconds(windowSeconds)).Should().Be(lower);
        count.UpperBound(fps, TimeSpan.FromSeconds(windowSeconds)).Should().Be(upper);
    }

    [Test]
    public void A_relative_bound_explains_itself_and_round_trips()
    {
        var count = Parse("112% of 2s");

        count.Explain(25, TimeSpan.FromSeconds(3)).Should().Be("112% of 25 fps × 2 s");
        count.ToString().Should().Be("112% of 2s");
        Parse("40").Explain(25, TimeSpan.FromSeconds(3)).Should().BeEmpty();
    }

    [TestCase("forty")]
    [TestCase("-3")]
    [TestCase("80 %% of 2s")]
    [TestCase("80% of")]
    [TestCase("80% of 0s")]
    public void Anything_else_is_refused_with_a_reason(string text)
    {
        FrameCount.TryParse(text, out var error).Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }
}
