using System.Globalization;
using Rtsp.Client.Tests.Hostile;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Targets;
using Rtsp.Harness.Tests.Conformance;

namespace Rtsp.Harness.Tests.Hostile;

/// <summary>
/// The harness against the reference server's hostile behaviours (<c>rtsp-ref serve --hostile NAME</c>, run as an
/// external target, as any other server would be): each run must end with a verdict — the behaviour shown as failed
/// checks whose evidence names it — never a harness error, within the request and scenario timeouts and with bounded
/// memory. These are a family apart from the fault switches of <see cref="FaultMatrixTests"/>: a hostile behaviour
/// breaks the byte stream itself, so "its own check and no other" cannot hold; what must hold is a clear verdict.
/// A behaviour that spoils every answer (the status line, the headers, the body, the pace) already fails the run's
/// preflight: that is a usage error naming what came back, since no RTSP server is there to judge.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class HostileServerRunTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The safety net of each scenario; a verdict must come well before it.</summary>
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Peak managed-heap growth allowed for one run. The harness keeps every packet of a scenario as
    /// evidence, so the flood (3 s at 40 times the frame rate, ~38 MB of RTP) needs the most: ~135 MiB measured (the socket record, the pcap read back, the analysis).</summary>
    private const double HeapGrowthBoundMiB = 512;

    private static readonly string Folder = Path.Combine(HarnessRuns.Root, "reports", $"hostile-{HarnessRuns.Stamp()}");

    public static IEnumerable<TestCaseData> Cases()
    {
        string[] tcp = ["tcp"];
        yield return Case("truncated-interleaved", tcp, "rtsp.response", "no response: the server closed the connection after 10 of the 65535 bytes of an interleaved frame on channel 0");
        yield return Case("silence-after-200", tcp, "media.play.flows", "no RTP within 2.0 s of the PLAY response");
        // Over UDP: the harness's own receivers and the pcap ring take the flood (the client's tests cover it over TCP).
        yield return Case("rtp-flood", ["udp"], "rtp.ts.clock-rate", "timestamps advance at ", "not 90000");
    }

    private static TestCaseData Case(string hostile, string[] transports, string check, params string[] evidence) =>
        new TestCaseData(hostile, transports, check, evidence).SetArgDisplayNames(hostile);

    /// <summary>Behaviours that spoil every response: the preflight's OPTIONS gets no RTSP answer, so the run is a usage
    /// error naming what came back (exit 2), not a page of failures, and still ends within the request timeout.</summary>
    public static IEnumerable<TestCaseData> UnusableCases()
    {
        yield return new TestCaseData("garbage-status-line", "was answered with something that is not RTSP (MalformedStartLine: not a request line: '@@@ garbage instead of a status line @@@'").SetArgDisplayNames("garbage-status-line");
        yield return new TestCaseData("endless-headers", "got no RTSP answer (no response: the server's byte stream broke: the message's headers exceed 64 KiB with no blank line ending them)").SetArgDisplayNames("endless-headers");
        yield return new TestCaseData("huge-content-length", "got no RTSP answer (no response: the server's byte stream broke: Content-Length 2147483648 exceeds the 1 MiB limit)").SetArgDisplayNames("huge-content-length");
        yield return new TestCaseData("slow-drip", "got no RTSP answer (no complete response within 2 s: only ").SetArgDisplayNames("slow-drip");
    }

    [TestCaseSource(nameof(UnusableCases))]
    [CancelAfter(60 * 1000)]
    public void A_server_whose_every_answer_is_broken_is_a_usage_error_naming_the_answer(string hostile, string message)
    {
        using var server = ReferenceServer.Start(HarnessRuns.Root, [], ["--hostile", hostile]);
        var url = new Uri(server.BaseUrl, ReferenceServer.SamplePath).ToString();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var act = () => new HarnessRun().Execute(new RunOptions(url, HarnessRuns.Named("play-basic"), ["tcp"], Folder,
            Path.Combine(HarnessRuns.Root, "captures", Path.GetFileName(Folder)), HarnessRuns.Root, CaptureMode.Socket, null, RequestTimeout, []) { RunId = hostile });

        act.Should().Throw<TargetUnreachableException>().Which.Message.Should().StartWith($"OPTIONS {url} ").And.Contain(message)
            .And.EndWith("an RTSP server (not HTTP, not a camera's web port)?");
        clock.Elapsed.Should().BeLessThan(RequestTimeout * 5, "the preflight waits one request timeout, not the scenario's safety net");
    }

    [TestCaseSource(nameof(Cases))]
    [CancelAfter(3 * 60 * 1000)]
    public void The_harness_reports_the_behaviour_as_failed_checks_not_as_an_error(string hostile, string[] transports, string check, string[] evidence)
    {
        using var server = ReferenceServer.Start(HarnessRuns.Root, [], ["--hostile", hostile]);
        var scenarios = HarnessRuns.Catalogue().Where(s => s.Name == "play-basic").ToList();
        RunReport report;
        double heapMiB;
        using (var memory = new MemoryPeak())
        {
            report = new HarnessRun().Execute(new RunOptions(
                new Uri(server.BaseUrl, ReferenceServer.SamplePath).ToString(), scenarios, transports, Folder,
                Path.Combine(HarnessRuns.Root, "captures", Path.GetFileName(Folder)), HarnessRuns.Root, CaptureMode.Auto, null,
                RequestTimeout, [])
            {
                RunId = hostile,
                ScenarioTimeout = ScenarioTimeout,
            });
            heapMiB = memory.GrowthMiB;
        }

        var failures = HarnessRuns.Failures(report).ToList();
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{hostile}: verdict in {report.Duration.TotalSeconds:0.0} s ({string.Join(", ", report.Scenarios.Select(s => $"{s.Transport} {s.Outcome} {s.Duration.TotalSeconds:0.0} s"))}), heap growth {heapMiB:0} MiB"));
        foreach (var failure in failures)
        {
            TestContext.Out.WriteLine("  " + failure);
        }

        HarnessRuns.Errors(report).Should().BeEmpty("a hostile server is a verdict, not a harness error");
        report.Scenarios.Should().HaveCount(transports.Length).And.OnlyContain(s => s.Outcome == ScenarioOutcome.Fail);
        foreach (var run in report.Scenarios)
        {
            var results = run.Analysis.Results.Where(r => r.Check.Id == check && r.Verdict == Verdict.Fail).ToList();
            results.Should().NotBeEmpty($"{hostile} over {run.Transport} fails {check}; failures: {string.Join(" || ", failures)}");
            results.Select(r => r.Evidence).Should().Contain(e => evidence.All(part => e.Contains(part, StringComparison.Ordinal)),
                $"the evidence names what the server did ({string.Join(" … ", evidence)})");
            run.Duration.Should().BeLessThan(ScenarioTimeout / 2, "each request has its timeout; the scenario's safety net is not what ends it");
        }

        heapMiB.Should().BeLessThan(HeapGrowthBoundMiB);
        File.Exists(Path.Combine(Folder, hostile, "index.html")).Should().BeTrue("the report is written");
    }
}
