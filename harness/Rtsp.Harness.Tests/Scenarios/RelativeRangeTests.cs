using System.Text.RegularExpressions;
using FluentAssertions;
using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Tests.Scenarios;

/// <summary>PLAY ranges written relative to the target's length, resolved per target.</summary>
public sealed class RelativeRangeTests
{
    [TestCase("npt=end-2s-", 10.0, "npt=8-")]
    [TestCase("npt=end-2s-", 4.0, "npt=2-")]
    [TestCase("npt=end-2s-", 14.0, "npt=12-")]
    [TestCase("npt=end-1500ms-", 10.0, "npt=8.5-")]
    [TestCase("npt=80%-", 34.4368, "npt=27.549-")]
    [TestCase("npt=end+10s-end+20s", 10.0, "npt=20-30")]
    [TestCase("npt=0-end", 7.5, "npt=0-7.5")]
    public void Positions_resolve_against_the_length(string range, double length, string sent)
    {
        RelativeRange.IsRelative(range).Should().BeTrue();
        RelativeRange.Resolve(range, length, out var why, out _).Should().Be(sent);
        why.Should().BeNull();
    }

    [Test]
    public void A_range_before_the_start_or_without_a_length_does_not_resolve_and_says_why()
    {
        RelativeRange.Resolve("npt=end-4s-", 3.2, out var tooShort, out _).Should().BeNull();
        tooShort.Should().Be("range npt=end-4s- falls before the start of a 3.2 s presentation: it needs a longer one");
        RelativeRange.Resolve("npt=end-2s-", null, out var unknown, out _).Should().BeNull();
        unknown.Should().Contain("needs the presentation's length");
    }

    [TestCase("npt=8-")]
    [TestCase("npt=5-2")]
    [TestCase("npt=abc-")]
    [TestCase("npt=now-")]
    [TestCase("smpte=0:10:00-")]
    public void Other_ranges_are_sent_as_written(string range)
    {
        RelativeRange.IsRelative(range).Should().BeFalse();
        RelativeRange.SyntaxError(range).Should().BeNull();
    }

    [Test]
    public void A_mangled_relative_range_is_a_syntax_error()
    {
        RelativeRange.SyntaxError("npt=end-two-").Should().Contain("not npt=POS-[POS]");
        RelativeRange.SyntaxError("npt=80%%-").Should().Contain("not npt=POS-[POS]");
    }

    [TestCase(8.0, "npt=8-10", true)]
    [TestCase(8.0, "npt=8.000-10", true)]
    [TestCase(8.0, "npt=80-", false)]
    [TestCase(8.0, "npt=8.5-", false)]
    [TestCase(2.5, "npt=2.50-", true)]
    [TestCase(2.5, "npt=2-", false)]
    public void The_start_pattern_accepts_how_servers_write_the_same_number(double seconds, string header, bool matches)
    {
        Regex.IsMatch(header, $"^npt={RelativeRange.NptPattern(seconds)}-").Should().Be(matches);
    }
}
