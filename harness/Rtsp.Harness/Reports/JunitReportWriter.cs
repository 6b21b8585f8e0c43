using System.Globalization;
using System.Xml.Linq;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Reports;

/// <summary>
/// <c>junit.xml</c>: a test suite per scenario × transport, a test case per check. A failed check (MUST or SHOULD;
/// the type attribute says which) is a failure with its evidence; NotSupported and NotApplicable are skipped; a
/// scenario the harness could not run is one errored case, one it did not run (not applicable) one skipped case.
/// </summary>
public static class JunitReportWriter
{
    public static void Write(RunReport report, string path) => Build(report).Save(path);

    public static XDocument Build(RunReport report)
    {
        var suites = new XElement("testsuites", new XAttribute("name", $"rtsp-harness {report.Target}"));
        foreach (var run in report.Scenarios)
        {
            string suiteName = $"{run.Scenario}.{run.Transport}";
            var cases = new List<XElement>();
            if (run.Outcome == ScenarioOutcome.Error)
            {
                cases.Add(new XElement("testcase", new XAttribute("name", "scenario"), new XAttribute("classname", suiteName),
                    new XElement("error", new XAttribute("message", Clean(run.ErrorMessage ?? "error")), Clean(run.ErrorMessage ?? ""))));
            }

            if (run.Outcome == ScenarioOutcome.NotApplicable)
            {
                cases.Add(new XElement("testcase", new XAttribute("name", "scenario"), new XAttribute("classname", suiteName),
                    new XElement("skipped", new XAttribute("message", Clean("not applicable: " + (run.ErrorMessage ?? ""))))));
            }

            foreach (var result in run.Analysis.Results)
            {
                var testCase = new XElement("testcase",
                    new XAttribute("name", result.Check.Id),
                    new XAttribute("classname", suiteName),
                    new XAttribute("time", "0"));
                switch (result.Verdict)
                {
                    case Verdict.Fail:
                        testCase.Add(new XElement("failure",
                            new XAttribute("type", result.Check.Level.ToString().ToUpperInvariant()),
                            new XAttribute("message", Clean($"{result.Check.Clause}: {result.Evidence}")),
                            Clean(Details(result))));
                        break;
                    case Verdict.NotSupported or Verdict.NotApplicable:
                        testCase.Add(new XElement("skipped", new XAttribute("message",
                            Clean((result.Verdict == Verdict.NotSupported ? "not supported: " : "not applicable: ") + result.Evidence))));
                        break;
                    default:
                        if (result.Evidence.Length > 0)
                        {
                            testCase.Add(new XElement("system-out", Clean(Details(result))));
                        }

                        break;
                }

                cases.Add(testCase);
            }

            suites.Add(new XElement("testsuite",
                new XAttribute("name", suiteName),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
                new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
                new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
                new XAttribute("time", run.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)),
                cases));
        }

        suites.Add(new XAttribute("tests", suites.Elements().Sum(s => (int)s.Attribute("tests")!)));
        suites.Add(new XAttribute("failures", suites.Elements().Sum(s => (int)s.Attribute("failures")!)));
        suites.Add(new XAttribute("errors", suites.Elements().Sum(s => (int)s.Attribute("errors")!)));
        suites.Add(new XAttribute("skipped", suites.Elements().Sum(s => (int)s.Attribute("skipped")!)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    private static string Details(CheckResult result)
    {
        var text = $"{result.Check.Title}\n{result.Check.Clause}\n{result.Evidence}";
        if (result.PacketNumbers is { Count: > 0 } numbers)
        {
            text += "\npackets: " + string.Join(", ", numbers.Take(50));
        }

        if (result.Metrics is { Count: > 0 } metrics)
        {
            text += "\n" + string.Join("\n", metrics.Select(m => $"{m.Key} = {m.Value.ToString(CultureInfo.InvariantCulture)}"));
        }

        return text;
    }

    // XML 1.0 cannot carry most control characters, and evidence may quote hostile bytes.
    private static string Clean(string text) =>
        new(text.Select(c => c is '\t' or '\n' or '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !char.IsSurrogate(c)) ? c : '\uFFFD').ToArray());
}
