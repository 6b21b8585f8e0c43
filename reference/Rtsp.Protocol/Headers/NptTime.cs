using System.Globalization;

namespace Rtsp.Protocol.Headers;

/// <summary>
/// A normal play time (RFC 2326 §3.6): <c>"now" | npt-sec | npt-hhmmss</c>, held as seconds.
/// <c>npt-sec = 1*DIGIT [ "." *DIGIT ]</c>, <c>npt-hhmmss = 1*DIGIT ":" 2DIGIT ":" 2DIGIT [ "." *DIGIT ]</c>.
/// Formatted as seconds with up to 9 decimals.
/// </summary>
public readonly record struct NptTime(bool IsNow, double Seconds)
{
    public static NptTime Now { get; } = new(true, 0);

    public static NptTime FromSeconds(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A normal play time is a finite, non-negative number of seconds.");
        }

        return new NptTime(false, seconds);
    }

    public static NptTime Parse(string value) =>
        TryParse(value, out var time) ? time : throw new HeaderFormatException("Range", value, "not an npt time (now, seconds or h:mm:ss)");

    public static bool TryParse(string? value, out NptTime time)
    {
        time = default;
        if (value is null)
        {
            return false;
        }

        var s = value.Trim();
        if (s.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            time = Now;
            return true;
        }

        if (s.Length is 0 or > 40)
        {
            return false;
        }

        var fields = s.Split(':');
        if (fields.Length == 1)
        {
            if (!TryParseSeconds(s, out var seconds))
            {
                return false;
            }

            time = new NptTime(false, seconds);
            return true;
        }

        if (fields.Length != 3 || fields[1].Length != 2 || fields[2].Length < 2 || fields[2][2..] is { Length: > 0 } frac && frac[0] != '.')
        {
            return false;
        }

        if (!HeaderParsing.TryParseDigits(fields[0], 12, long.MaxValue, out var hours) ||
            !HeaderParsing.TryParseDigits(fields[1], 2, 59, out var minutes) ||
            !TryParseSeconds(fields[2], out var secs) || secs >= 60)
        {
            return false;
        }

        time = new NptTime(false, (hours * 3600) + (minutes * 60) + secs);
        return true;
    }

    private static bool TryParseSeconds(string s, out double seconds)
    {
        seconds = 0;
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? "" : s[(dot + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }

        seconds = double.Parse(dot < 0 || fraction.Length == 0 ? whole : s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return double.IsFinite(seconds);
    }

    public override string ToString() =>
        IsNow ? "now" : Seconds.ToString("0.#########", CultureInfo.InvariantCulture);
}
