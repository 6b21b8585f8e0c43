using System.Globalization;
using System.Net;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Reports;

/// <summary>Encoding and small fragments shared by the HTML pages. Everything that came off the wire goes through
/// <see cref="E"/>: a transcript is hostile input.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(Visible(text ?? ""));

    // C0 controls are not allowed in HTML (or XML) text: show them as their Unicode control pictures (␁), so a
    // reader sees that the server sent them.
    private static string Visible(string text) =>
        text.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r') || c == 0x7F)
            ? new string(text.Select(c => c < 0x20 && c is not ('\t' or '\n' or '\r') ? (char)(0x2400 + c) : c == 0x7F ? '\u2421' : c).ToArray())
            : text;

    public static string Outcome(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Pass => "pass",
        ScenarioOutcome.Fail => "fail",
        ScenarioOutcome.NotSupported => "not supported",
        ScenarioOutcome.NotApplicable => "not applicable",
        _ => "error",
    };

    public static string OutcomeClass(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Pass => "pass",
        ScenarioOutcome.Fail => "fail",
        ScenarioOutcome.NotSupported => "unsupported",
        ScenarioOutcome.NotApplicable => "na",
        _ => "error",
    };

    public static string VerdictClass(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        Verdict.NotSupported => "unsupported",
        Verdict.NotApplicable => "na",
        _ => "info",
    };

    public static string VerdictText(Verdict verdict) => verdict switch
    {
        Verdict.NotSupported => "not supported",
        Verdict.NotApplicable => "n/a",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    public static string Level(CheckLevel level) => level.ToString().ToUpperInvariant();

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>A file name safe on every file system and in a URL.</summary>
    public static string Slug(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? char.ToLowerInvariant(c) : '-').ToArray();
        var slug = new string(chars).Trim('-', '.');
        return slug.Length == 0 ? "scenario" : slug;
    }

    public const string Style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1f2328;background:#fff}
        h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 6px}
        table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}
        th{background:#f6f8fa}td.pass,span.pass{background:#dafbe1;color:#116329}td.fail,span.fail{background:#ffebe9;color:#a40e26;font-weight:600}
        td.unsupported,span.unsupported{background:#fff8c5;color:#7d4e00}td.error,span.error{background:#eee;color:#57606a;font-weight:600}
        td.na,span.na{color:#8c959f}td.info,span.info{color:#0550ae}span.badge{padding:2px 8px;border-radius:10px}
        pre.transcript{background:#f6f8fa;border:1px solid #d0d7de;padding:8px;font-size:12px;white-space:pre-wrap;word-break:break-all;max-height:480px;overflow:auto}
        .from-server{color:#0550ae}.to-server{color:#1f2328}.meta{color:#57606a;font-size:13px}
        .charts svg{border:1px solid #d0d7de;margin:4px 8px 4px 0;max-width:100%;height:auto}.thumbs img{border:1px solid #d0d7de;max-width:320px;margin-right:8px}
        code{font-size:12px}.evidence{max-width:720px}.warn{color:#a40e26}
        """;
}
