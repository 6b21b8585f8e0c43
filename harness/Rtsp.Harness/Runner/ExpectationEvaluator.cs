using System.Text;
using System.Text.RegularExpressions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Scenarios;
using Rtsp.Protocol.Sdp;

namespace Rtsp.Harness.Runner;

/// <summary>
/// Judges one response against a scenario <see cref="Expectation"/>: one <see cref="CheckResult"/> for the
/// expectation's check, whose evidence names the step and quotes what did not hold (the status line, the header line).
/// </summary>
public static class ExpectationEvaluator
{
    public static CheckResult Evaluate(Expectation expect, CheckDefinition check, ReceivedResponse? response, string step, TimeSpan waited)
    {
        if (response is null)
        {
            return expect.NoResponse
                ? new CheckResult(check, Verdict.Pass, $"{step}: no response within {waited.TotalSeconds:0.#} s, as expected")
                : new CheckResult(check, Verdict.Fail, $"{step}: no response within {waited.TotalSeconds:0.#} s");
        }

        if (expect.NoResponse)
        {
            return new CheckResult(check, Verdict.Fail, $"{step}: expected no response, got \"{response.FirstLine}\"");
        }

        if (response.Message is not { } message)
        {
            return new CheckResult(check, Verdict.Fail, $"{step}: the response does not parse ({response.ParseError}): \"{response.FirstLine}\"");
        }

        var problems = new List<string>();
        if (!expect.AcceptsStatus(message.StatusCode))
        {
            problems.Add($"status {message.StatusCode}, expected {string.Join(" or ", expect.Statuses)}");
        }

        foreach (var rule in expect.Headers)
        {
            if (JudgeHeader(rule, message.Headers.GetAll(rule.Name).ToList()) is { } problem)
            {
                problems.Add(problem);
            }
        }

        var body = Encoding.UTF8.GetString(message.Body);
        problems.AddRange(expect.BodyContains.Where(s => !body.Contains(s, StringComparison.Ordinal)).Select(s => $"body lacks \"{s}\""));
        problems.AddRange(expect.BodyRegex.Where(p => !Regex.IsMatch(body, p, RegexOptions.Multiline, TimeSpan.FromSeconds(1)))
            .Select(p => $"body does not match /{p}/"));
        if (expect.SdpParses && !SessionDescription.TryParse(body, out _, out var sdpError))
        {
            problems.Add($"body is not valid SDP: {sdpError}");
        }

        var evidence = $"{step}: \"{response.FirstLine}\"";
        return problems.Count == 0
            ? new CheckResult(check, Verdict.Pass, evidence + DescribeHeaders(expect, message))
            : new CheckResult(check, Verdict.Fail, $"{evidence}: {string.Join("; ", problems)}");
    }

    private static string? JudgeHeader(HeaderExpectation rule, IReadOnlyList<string> values)
    {
        var shown = values.Count == 0 ? "absent" : $"\"{rule.Name}: {string.Join(", ", values)}\"";
        return rule.Rule switch
        {
            HeaderRule.Present => values.Count > 0 ? null : $"{rule.Name} absent",
            HeaderRule.Absent => values.Count == 0 ? null : $"{shown} should be absent",
            HeaderRule.Equals => values.Any(v => v.Trim() == rule.Value) ? null : $"{shown}, expected \"{rule.Value}\"",
            HeaderRule.Contains => values.Any(v => v.Contains(rule.Value!, StringComparison.OrdinalIgnoreCase)) ? null
                : $"{shown} does not contain \"{rule.Value}\"",
            HeaderRule.Regex => values.Any(v => Regex.IsMatch(v, rule.Value!, RegexOptions.None, TimeSpan.FromSeconds(1))) ? null
                : $"{shown} does not match /{rule.Value}/",
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
    }

    /// <summary>The headers an expectation looked at, quoted, so a pass is as verifiable as a failure.</summary>
    private static string DescribeHeaders(Expectation expect, Rtsp.Protocol.Rtsp.RtspResponse message)
    {
        var quoted = expect.Headers.Where(h => h.Rule != HeaderRule.Absent)
            .Select(h => message.Headers.Get(h.Name) is { } v ? $"{h.Name}: {v}" : null)
            .OfType<string>().ToList();
        return quoted.Count == 0 ? string.Empty : $" ({string.Join("; ", quoted)})";
    }
}
