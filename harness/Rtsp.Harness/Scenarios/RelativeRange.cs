using System.Globalization;
using System.Text.RegularExpressions;

namespace Rtsp.Harness.Scenarios;

/// <summary>
/// A PLAY <c>range:</c> written relative to the target's length, resolved per target before it is sent:
/// <c>npt=end-2s-</c> (2 s before the end), <c>npt=80%-</c> (at 80 % of the length), <c>npt=end+10s-end+20s</c>
/// (past the end, for 457 tests). The length is the stored presentation's <c>a=range:npt=0-L</c> (RFC 2326
/// Appendix C.1.5). Ranges without <c>end</c> or <c>%</c> are sent as written.
/// </summary>
public static partial class RelativeRange
{
    /// <summary>True when <paramref name="range"/> uses <c>end</c> or <c>%</c> and so needs the target's length.</summary>
    public static bool IsRelative(string range) => Pattern().IsMatch(range.Trim()) && (range.Contains("end", StringComparison.Ordinal) || range.Contains('%'));

    /// <summary>Why a range that mentions <c>end</c> or <c>%</c> cannot be read; null when it is fine or not relative.</summary>
    public static string? SyntaxError(string range)
    {
        var looksRelative = range.Contains("end", StringComparison.Ordinal) || range.Contains('%');
        return looksRelative && !Pattern().IsMatch(range.Trim())
            ? $"range '{range}' mentions end or % but is not npt=POS-[POS] with POS one of: seconds, P%, end, end-2s, end+1.5s"
            : null;
    }

    /// <summary>
    /// The range with every position in seconds (e.g. <c>npt=end-2s-</c> on a 10 s clip is <c>npt=8-</c>), or null
    /// with <paramref name="why"/> when the target has no known length or the position falls before 0.
    /// </summary>
    public static string? Resolve(string range, double? lengthSeconds, out string? why, out double? startSeconds)
    {
        why = null;
        startSeconds = null;
        var match = Pattern().Match(range.Trim());
        if (!match.Success)
        {
            why = SyntaxError(range) ?? $"range '{range}' is not relative";
            return null;
        }

        if (lengthSeconds is not { } length)
        {
            why = $"range {range} needs the presentation's length (a stored presentation's a=range:npt=0-L), which the target does not give";
            return null;
        }

        var start = Position(match.Groups["start"].Value, length);
        var end = match.Groups["end"].Success ? Position(match.Groups["end"].Value, length) : (double?)null;
        if (start < 0 || end < 0)
        {
            why = string.Create(CultureInfo.InvariantCulture, $"range {range} falls before the start of a {length:0.###} s presentation: it needs a longer one");
            return null;
        }

        startSeconds = start;
        return "npt=" + Format(start) + "-" + (end is { } e ? Format(e) : string.Empty);
    }

    /// <summary>A regex fragment matching how a server may write <paramref name="seconds"/> in npt: 8, 8.0, 8.000; 2.5, 2.50.</summary>
    public static string NptPattern(double seconds)
    {
        var text = Format(seconds);
        return text.Contains('.') ? Regex.Escape(text) + "0*" : Regex.Escape(text) + @"(\.0+)?";
    }

    public static string Format(double seconds) => Math.Round(seconds, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static double Position(string text, double length)
    {
        if (text.EndsWith('%'))
        {
            return length * double.Parse(text[..^1], CultureInfo.InvariantCulture) / 100;
        }

        if (!text.StartsWith("end", StringComparison.Ordinal))
        {
            return double.Parse(text, CultureInfo.InvariantCulture);
        }

        if (text.Length == 3)
        {
            return length;
        }

        var offset = text[4..];
        var seconds = offset.EndsWith("ms", StringComparison.Ordinal) ? double.Parse(offset[..^2], CultureInfo.InvariantCulture) / 1000
            : double.Parse(offset.TrimEnd('s'), CultureInfo.InvariantCulture);
        return text[3] == '-' ? length - seconds : length + seconds;
    }

    [GeneratedRegex(@"^npt=(?<start>end(?:[+-][0-9]+(?:\.[0-9]+)?(?:ms|s)?)?|[0-9]+(?:\.[0-9]+)?%?)-(?<end>end(?:[+-][0-9]+(?:\.[0-9]+)?(?:ms|s)?)?|[0-9]+(?:\.[0-9]+)?%?)?$")]
    private static partial Regex Pattern();
}
