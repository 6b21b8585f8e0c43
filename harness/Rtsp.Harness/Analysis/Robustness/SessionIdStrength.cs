using System.Globalization;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis.Robustness;

/// <summary>
/// RFC 2326 §16: a server SHOULD use large, random, non-sequential session identifiers, or a client guessing ids drives
/// other clients' sessions. From the ids a run collected this judges what can be judged from outside: they are distinct,
/// and their encoding can carry at least <see cref="MinimumBits"/> bits (length × log2 of the alphabet they are drawn
/// from — an upper bound: a 32-hex-digit counter would pass, a 16-character id cannot).
/// </summary>
public static class SessionIdStrength
{
    public const int MinimumBits = 128;

    public static CheckResult Judge(IReadOnlyList<string> ids)
    {
        var check = RobustnessChecks.SessionIds;
        if (ids.Count == 0)
        {
            return new CheckResult(check, Verdict.NotApplicable, "no session id was handed out");
        }

        var repeated = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var alphabet = AlphabetSize(ids);
        var bits = ids.Min(id => id.Length) * Math.Log2(alphabet);
        var sample = string.Join(", ", ids.Take(3).Select(id => $"\"{id}\""));
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{ids.Count} session id(s), e.g. {sample}: at most {bits:0} bits ({ids.Min(id => id.Length)} characters from an alphabet of {alphabet})");
        var metrics = new Dictionary<string, double> { ["ids"] = ids.Count, ["max_bits"] = Math.Round(bits), ["repeated"] = repeated.Count };
        return repeated.Count > 0
            ? new CheckResult(check, Verdict.Fail, $"{evidence}; handed out more than once: {string.Join(", ", repeated.Take(3))}", Metrics: metrics)
            : bits < MinimumBits
                ? new CheckResult(check, Verdict.Fail, $"{evidence}, fewer than {MinimumBits}", Metrics: metrics)
                : new CheckResult(check, Verdict.Pass, evidence, Metrics: metrics);
    }

    /// <summary>The smallest usual alphabet the ids fit: decimal, hex, lower/upper alphanumerics, plus any other characters seen.</summary>
    private static int AlphabetSize(IReadOnlyList<string> ids)
    {
        var chars = ids.SelectMany(id => id).ToHashSet();
        var hexOnly = chars.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f' or >= 'A' and <= 'F');
        var size = chars.Any(char.IsAsciiDigit) ? 10 : 0;
        size += chars.Any(char.IsAsciiLetterLower) ? (hexOnly ? 6 : 26) : 0;
        size += chars.Any(char.IsAsciiLetterUpper) ? (hexOnly ? 6 : 26) : 0;
        size += chars.Count(c => !char.IsAsciiLetterOrDigit(c));
        return Math.Max(size, 2);
    }
}
