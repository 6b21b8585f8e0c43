using System.Xml;
using System.Xml.Linq;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;

namespace Rtsp.Harness.Tests.Reports;

public sealed class ReportWriterTests
{
    private string _reports = "";

    [SetUp]
    public void CreateFolder() => _reports = Directory.CreateTempSubdirectory("reports-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_reports, recursive: true);

    [Test]
    public void The_index_is_well_formed_with_a_matrix_cell_per_scenario_and_transport()
    {
        var report = SampleReports.Build();
        string run = Path.Combine(_reports, report.RunId);

        ReportWriter.WriteAll(report, run);

        var index = Load(Path.Combine(run, "index.html"));
        var rows = index.Descendants("table").Single(t => (string?)t.Attribute("id") == "matrix").Element("tbody")!.Elements("tr").ToList();
        rows.Select(r => r.Elements("td").First().Value).Should().Equal("happy-path", "pause <resume>", "server-gone", "seek-live");
        rows[0].Elements("td").Skip(1).Take(2).Select(td => (string?)td.Attribute("class")).Should().Equal("pass", "fail");
        rows[1].Elements("td").ElementAt(1).Attribute("class")!.Value.Should().Be("unsupported");
        rows[2].Elements("td").ElementAt(2).Attribute("class")!.Value.Should().Be("error");
        rows[3].Elements("td").ElementAt(1).Attribute("class")!.Value.Should().Be("na");
        rows[3].Elements("td").ElementAt(1).Attribute("title")!.Value.Should().Be(SampleReports.NotApplicableReason);
        string html = File.ReadAllText(Path.Combine(run, "index.html"));
        html.Should().NotContain("http://").And.NotContain("https://", "the report fetches nothing")
            .And.Contain("jpeg.marker", "the failing check is listed among the findings");
    }

    [Test]
    public void Not_applicable_scenarios_are_listed_with_their_reason_and_the_presentation_is_named()
    {
        var report = SampleReports.Build();
        string run = Path.Combine(_reports, report.RunId);

        ReportWriter.WriteAll(report, run);

        var index = Load(Path.Combine(run, "index.html"));
        var rows = index.Descendants("table").Single(t => (string?)t.Attribute("id") == "not-applicable").Element("tbody")!.Elements("tr").ToList();
        rows.Select(r => r.Elements("td").Select(td => td.Value).ToList()).Should().ContainSingle()
            .Which.Should().Equal("seek-live (udp)", SampleReports.NotApplicableReason);
        index.Descendants("p").Single(p => (string?)p.Attribute("class") == "meta").Value.Should().Contain("presentation: stored media (a=range:npt=0-10)");
        index.Descendants("span").Where(s => (string?)s.Attribute("class") == "badge na").Select(s => s.Value).Should().Equal("1 not applicable");
    }

    [Test]
    public void Scenario_pages_escape_hostile_transcripts_and_carry_charts_thumbnails_and_relative_pcap_links()
    {
        var report = SampleReports.Build();
        string run = Path.Combine(_reports, report.RunId);

        ReportWriter.WriteAll(report, run);

        string pagePath = Path.Combine(run, HtmlReportWriter.PagePath(report.Scenarios[0]));
        string html = File.ReadAllText(pagePath);
        html.Should().NotContain("<script>").And.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot; &lt;/pre&gt;");
        var page = Load(pagePath);
        page.Descendants().Where(e => e.Name.LocalName == "svg").Should().HaveCountGreaterThanOrEqualTo(4, "interval, histogram, jitter and bitrate charts");
        page.Descendants("img").Select(i => (string)i.Attribute("src")!).Should().HaveCount(2).And.OnlyContain(s => s.StartsWith("data:image/jpeg;base64,", StringComparison.Ordinal));
        var pcap = page.Descendants("a").Single(a => (string?)a.Attribute("class") == "pcap").Attribute("href")!.Value;
        pcap.Should().Be("../../captures/run/happy-path-udp.pcap");
        page.Descendants("table").Single(t => (string?)t.Attribute("id") == "checks").Descendants("tr").Should().HaveCount(report.Scenarios[0].Analysis.Results.Count + 1);
    }

    [Test]
    public void Junit_has_one_testcase_per_check_with_failures_skips_and_errors_counted()
    {
        var report = SampleReports.Build();
        string run = Path.Combine(_reports, report.RunId);

        ReportWriter.WriteAll(report, run);

        var junit = XDocument.Load(Path.Combine(run, "junit.xml"));
        var suites = junit.Root!;
        int results = report.Scenarios.Sum(s => s.Analysis.Results.Count);
        int failures = report.Scenarios.Sum(s => s.Analysis.Results.Count(r => r.Verdict == Verdict.Fail));
        int skipped = report.Scenarios.Sum(s => s.Analysis.Results.Count(r => r.Verdict is Verdict.NotApplicable or Verdict.NotSupported));
        failures.Should().BeGreaterThan(0);
        ((int)suites.Attribute("tests")!).Should().Be(results + 2, "plus one errored case for the scenario that could not run and one skipped for the one not applicable");
        ((int)suites.Attribute("failures")!).Should().Be(failures);
        ((int)suites.Attribute("skipped")!).Should().Be(skipped + 1);
        ((int)suites.Attribute("errors")!).Should().Be(1);
        suites.Elements("testsuite").Select(s => (string)s.Attribute("name")!).Should().Equal(
            "happy-path.udp", "happy-path.tcp", "pause <resume>.udp", "server-gone.tcp", "seek-live.udp");
        suites.Elements("testsuite").Last().Descendants("skipped").Single().Attribute("message")!.Value
            .Should().Be("not applicable: " + SampleReports.NotApplicableReason, "never a pass, never silent");
        var marker = suites.Descendants("testcase").Single(c => (string)c.Attribute("classname")! == "happy-path.tcp" && (string)c.Attribute("name")! == "jpeg.marker");
        marker.Element("failure")!.Attribute("type")!.Value.Should().Be("MUST");
        marker.Element("failure")!.Value.Should().Contain("no marker");
    }

    [Test]
    public void Results_json_round_trips()
    {
        var report = SampleReports.Build();
        string run = Path.Combine(_reports, report.RunId);

        ReportWriter.WriteAll(report, run);
        var read = JsonReportWriter.Read(Path.Combine(run, "results.json"));

        read.RunId.Should().Be(report.RunId);
        read.Catalogue.Should().Equal(report.Catalogue);
        read.Scenarios.Select(s => (s.Scenario, s.Transport, s.Outcome, s.Analysis.Results.Count))
            .Should().Equal(report.Scenarios.Select(s => (s.Scenario, s.Transport, s.Outcome, s.Analysis.Results.Count)));
        read.Scenarios[1].Analysis.Results.Select(r => (r.Check.Id, r.Verdict, r.Evidence))
            .Should().Equal(report.Scenarios[1].Analysis.Results.Select(r => (r.Check.Id, r.Verdict, r.Evidence)));
        read.Scenarios[0].Analysis.FirstFrameJpeg.Should().Equal(report.Scenarios[0].Analysis.FirstFrameJpeg);
        read.Scenarios[0].Analysis.Series["jitter_ms"].Should().Equal(report.Scenarios[0].Analysis.Series["jitter_ms"]);
        read.Scenarios[3].ErrorMessage.Should().Be("connection refused <127.0.0.1:8554>");
        read.Scenarios[4].Outcome.Should().Be(ScenarioOutcome.NotApplicable);
        read.Presentation.Should().Be(report.Presentation);
    }

    [Test]
    public void Latest_points_at_the_newest_run()
    {
        ReportWriter.WriteAll(SampleReports.Build("run-1"), Path.Combine(_reports, "run-1"));
        ReportWriter.WriteAll(SampleReports.Build("run-2"), Path.Combine(_reports, "run-2"));

        var latest = new DirectoryInfo(Path.Combine(_reports, ReportWriter.LatestLinkName));
        latest.LinkTarget.Should().Be("run-2");
        File.Exists(Path.Combine(latest.FullName, "index.html")).Should().BeTrue();
    }

    // The pages are written as XHTML-style markup, so an XML parser proves them well formed.
    private static XDocument Load(string path)
    {
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }
}
