using System.Globalization;

namespace Rtsp.Protocol.Headers;

/// <summary>
/// The decimal ratio of Scale and Speed (RFC 2326 §12.34, §12.35): <c>[ "-" ] 1*DIGIT [ "." *DIGIT ]</c>. Nothing
/// else: no exponent, no hex, no "nan"/"inf", no inner space — .NET's double parser accepts those, the grammar does not.
/// </summary>
internal static class DecimalRatio
{
    // Long enough for any ratio a player sends ("-3.5", "1.000000"); a longer digit string is an attack, not a rate.
    private const int MaxLength = 32;

    public static bool TryParse(string? value, bool allowNegative, out double ratio)
    {
        ratio = 0;
        var s = value.AsSpan().Trim();
        if (s.Length is 0 or > MaxLength)
        {
            return false;
        }

        int i = allowNegative && s[0] == '-' ? 1 : 0;
        int integerDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            integerDigits++;
        }

        if (integerDigits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }

        return i == s.Length && double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out ratio);
    }

    public static string Format(double ratio) => ratio.ToString("0.0##", CultureInfo.InvariantCulture);
}
