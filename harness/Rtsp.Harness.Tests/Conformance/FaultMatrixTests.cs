using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// The fault matrix: for each reference-server fault switch, run only the scenarios relevant to it and check that the
/// harness names the broken rule (the expected check ids fail) and blames nothing else (no other MUST check fails).
/// The fault → checks-fired table is written as fault-matrix.html and fault-matrix.json beside the runs' reports.
/// </summary>
[Category("Conformance")]
[NonParallelizable]
public sealed class FaultMatrixTests
{
    private static readonly ConcurrentDictionary<string, MatrixRow> Rows = new();
    private static readonly string Folder = Path.Combine(HarnessRuns.Root, "reports", $"fault-matrix-{HarnessRuns.Stamp()}");

    private sealed record MatrixRow(string Fault, string[] Scenarios, string[] Expected, string[] Fired, string[] UnexpectedMust, bool Passed, double Seconds);

    private static IEnumerable<FaultCase> Cases() => FaultCase.All();

    [TestCaseSource(nameof(Cases))]
    [CancelAfter(3 * 60 * 1000)]
    public void The_fault_fails_its_checks_and_no_other_must_check(FaultCase fault)
    {
        var scenarios = HarnessRuns.Catalogue().Where(s => fault.Scenarios.Contains(s.Name)).ToList();
        scenarios.Select(s => s.Name).Should().BeEquivalentTo(fault.Scenarios, "the fault's scenarios are in the catalogue");

        var report = fault.OnH264 ? RunOnH264(fault, scenarios) : HarnessRuns.Run(scenarios, fault.Fault, Folder, faults: [fault.Fault]);
        var failed = report.Scenarios.SelectMany(s => s.Analysis.Results).Where(r => r.Verdict == Verdict.Fail).ToList();
        var fired = failed.Select(r => r.Check.Id).Distinct().Order(StringComparer.Ordinal).ToArray();
        var unexpectedMust = failed.Where(r => r.Check.Level == CheckLevel.Must && !fault.Tolerated.Contains(r.Check.Id))
            .Select(r => r.Check.Id).Distinct().Order(StringComparer.Ordinal).ToArray();
        var missing = fault.MustFire.Except(fired).ToArray();
        Rows[fault.Name] = new MatrixRow(fault.Name, fault.Scenarios, fault.MustFire, fired, unexpectedMust,
            missing.Length == 0 && unexpectedMust.Length == 0 && !HarnessRuns.Errors(report).Any(), report.Duration.TotalSeconds);

        HarnessRuns.Errors(report).Should().BeEmpty();
        missing.Should().BeEmpty($"--fault {fault.Fault} breaks the rule of {string.Join(", ", fault.MustFire)}");
        unexpectedMust.Should().BeEmpty(
            $"--fault {fault.Fault} must not fail other MUST checks; failures: {string.Join(" || ", HarnessRuns.Failures(report, r => unexpectedMust.Contains(r.Check.Id)))}");
    }

    /// <summary>The H.264 rows: the reference server started with the switch, passing an H.264 .mp4 through.</summary>
    private static RunReport RunOnH264(FaultCase fault, IReadOnlyList<Rtsp.Harness.Scenarios.Scenario> scenarios)
    {
        CleanPeerServer server;
        try
        {
            // Server RTP ports apart from the clean-peers matrix's and the H.264 interop test's.
            server = CleanPeerServer.StartReferenceWithH264((38000, 38999), [fault.Fault]);
        }
        catch (CleanPeerUnavailableException e)
        {
            Assert.Inconclusive(e.Message);
            throw;
        }

        using (server)
        {
            return HarnessRuns.Run(scenarios, $"h264-{fault.Fault}", Folder, target: server.Url);
        }
    }

    [OneTimeTearDown]
    public void WriteTheMatrix()
    {
        if (Rows.IsEmpty)
        {
            return;
        }

        Directory.CreateDirectory(Folder);
        var rows = Rows.Values.OrderBy(r => r.Fault, StringComparer.Ordinal).ToList();
        File.WriteAllText(Path.Combine(Folder, "fault-matrix.json"),
            JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        File.WriteAllText(Path.Combine(Folder, "fault-matrix.html"), Html(rows));
        TestContext.Out.WriteLine($"fault matrix: {Path.Combine(Folder, "fault-matrix.html")} ({rows.Sum(r => r.Seconds):0} s of runs)");
    }

    private static string Html(IReadOnlyList<MatrixRow> rows)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Fault matrix</title><style>")
            .Append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}")
            .Append(".ok{background:#dfd}.bad{background:#fdd}code{font-size:90%}</style></head><body>")
            .Append("<h1>Fault matrix</h1><p>Each reference-server fault switch, the scenarios run with it (UDP and TCP), the checks it must fail, ")
            .Append("every check that failed, and MUST failures nobody expected. Each fault's full report is in its own folder.</p>")
            .Append("<table><tr><th>fault</th><th>scenarios</th><th>must fire</th><th>fired</th><th>unexpected MUST failures</th><th>verdict</th><th>s</th></tr>");
        foreach (var r in rows)
        {
            html.Append($"<tr class=\"{(r.Passed ? "ok" : "bad")}\"><td><a href=\"{E(r.Fault)}/index.html\"><code>{E(r.Fault)}</code></a></td>")
                .Append($"<td>{E(string.Join(", ", r.Scenarios))}</td><td><code>{E(string.Join(", ", r.Expected))}</code></td>")
                .Append($"<td><code>{E(string.Join(", ", r.Fired))}</code></td><td><code>{E(string.Join(", ", r.UnexpectedMust))}</code></td>")
                .Append($"<td>{(r.Passed ? "as expected" : "WRONG")}</td><td>{r.Seconds:0}</td></tr>");
        }

        return html.Append("</table></body></html>").ToString();
    }
}
