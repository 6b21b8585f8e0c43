using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

public class RangeHeaderTests
{
    [TestCase("npt=0-", 0.0, null, "npt=0-")]
    [TestCase("npt=10-", 10.0, null, "npt=10-")]
    [TestCase("npt=0-10.5", 0.0, 10.5, "npt=0-10.5")]
    [TestCase("npt=0.000-", 0.0, null, "npt=0-")]
    [TestCase("npt=3-10", 3.0, 10.0, "npt=3-10")]
    [TestCase("npt=00:01:02.5-", 62.5, null, "npt=62.5-")]
    [TestCase("npt=1:00:00-1:30:00.25", 3600.0, 5400.25, "npt=3600-5400.25")]
    [TestCase("npt = 2 - 4", 2.0, 4.0, "npt=2-4")]
    public void Parses_npt_ranges(string text, double start, double? end, string formatted)
    {
        var range = RangeHeader.Parse(text);

        range.Unit.Should().Be(RangeUnit.Npt);
        range.Start.Should().Be(NptTime.FromSeconds(start));
        range.End.Should().Be(end is null ? null : NptTime.FromSeconds(end.Value));
        range.ToString().Should().Be(formatted);
        RangeHeader.Parse(formatted).Should().Be(range);
    }

    [Test]
    public void Parses_now_and_a_range_with_only_an_end()
    {
        var now = RangeHeader.Parse("npt=now-");
        now.Start!.Value.IsNow.Should().BeTrue();
        now.End.Should().BeNull();
        now.ToString().Should().Be("npt=now-");

        var tail = RangeHeader.Parse("npt=-20");
        tail.Start.Should().BeNull();
        tail.End.Should().Be(NptTime.FromSeconds(20));
        tail.ToString().Should().Be("npt=-20");
    }

    [Test]
    public void Keeps_the_time_parameter()
    {
        // RFC 2326 §12.29.
        var range = RangeHeader.Parse("clock=19960213T143205Z-;time=19970123T143720Z");
        range.Unit.Should().Be(RangeUnit.Clock);
        range.RawStart.Should().Be("19960213T143205Z");
        range.RawEnd.Should().BeNull();
        range.Time.Should().Be("19970123T143720Z");
        range.ToString().Should().Be("clock=19960213T143205Z-;time=19970123T143720Z");
    }

    [TestCase("clock=19961108T142300Z-19961108T143520Z", RangeUnit.Clock, "19961108T142300Z", "19961108T143520Z")]
    [TestCase("clock=19961110T1925-19961110T2015", null, null, null)]
    [TestCase("smpte=10:07:00-10:07:33:05.01", RangeUnit.Smpte, "10:07:00", "10:07:33:05.01")]
    [TestCase("smpte-25=10:07:00-", RangeUnit.Smpte, "10:07:00", null)]
    [TestCase("smpte-30-drop=0:00:10-0:00:20", RangeUnit.Smpte, "0:00:10", "0:00:20")]
    public void Parses_clock_and_smpte_to_raw_text(string text, RangeUnit? unit, string? start, string? end)
    {
        if (unit is null)
        {
            // RFC 2326 §12.29's own clock example lacks the seconds and the Z its §3.7 grammar requires.
            RangeHeader.TryParse(text, out _).Should().BeFalse();
            return;
        }

        var range = RangeHeader.Parse(text);
        range.Unit.Should().Be(unit);
        range.RawStart.Should().Be(start);
        range.RawEnd.Should().Be(end);
        range.ToString().Should().Be(text);
    }

    [Test]
    public void Npt_factory_formats_seconds()
    {
        RangeHeader.Npt(0, 10).ToString().Should().Be("npt=0-10");
        RangeHeader.Npt(1.25).ToString().Should().Be("npt=1.25-");
        RangeHeader.NptFromNow().ToString().Should().Be("npt=now-");
    }

    [TestCase("")]
    [TestCase("npt")]
    [TestCase("npt=")]
    [TestCase("npt=-")]
    [TestCase("npt=abc-")]
    [TestCase("npt=10")]
    [TestCase("npt=-1-")]
    [TestCase("npt=10-5")]
    [TestCase("npt=1:2:3-")]
    [TestCase("npt=00:60:00-")]
    [TestCase("npt=00:00:61-")]
    [TestCase("npt=1e5-")]
    [TestCase("npt=0-;time=yesterday")]
    [TestCase("npt=0-1,3-4")]
    [TestCase("frames=0-")]
    [TestCase("smpte=1:2-")]
    [TestCase("clock=now-")]
    public void Rejects_malformed_ranges(string text)
    {
        RangeHeader.TryParse(text, out _).Should().BeFalse();
        var act = () => RangeHeader.Parse(text);
        act.Should().Throw<HeaderFormatException>().Which.HeaderName.Should().Be("Range");
    }

    [Test]
    public void Every_range_in_the_transcripts_parses()
    {
        var values = Tests.Rtsp.TranscriptFile.HeaderValues("Range").ToList();
        values.Should().Contain(["npt=0-", "npt=now-", "npt=0.000-", "npt=0-10", "npt=3-10"]);
        values.Should().AllSatisfy(v => RangeHeader.Parse(v).Unit.Should().Be(RangeUnit.Npt));
    }
}
