using System.Globalization;

namespace Rtsp.Protocol.Headers;

/// <summary>Small pieces of RFC 2326 §15 grammar shared by the header types.</summary>
internal static class HeaderParsing
{
    /// <summary>Splits on <paramref name="separator"/> outside double quotes (so <c>mode="PLAY,RECORD"</c> stays whole).</summary>
    public static List<string> SplitOutsideQuotes(string value, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == separator && !quoted)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }

        parts.Add(value[start..]);
        return parts;
    }

    /// <summary>Removes the quotes of a quoted-string and its backslash escapes; anything else is returned trimmed.</summary>
    public static bool TryUnquote(string raw, out string value)
    {
        raw = raw.Trim();
        if (raw.Length == 0 || raw[0] != '"')
        {
            value = raw;
            return raw.IndexOf('"', StringComparison.Ordinal) < 0;
        }

        if (raw.Length < 2 || raw[^1] != '"')
        {
            value = raw;
            return false;
        }

        var inner = raw[1..^1];
        var result = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }
            else if (inner[i] == '"' || inner[i] == '\\')
            {
                value = raw;
                return false;
            }

            result.Append(inner[i]);
        }

        value = result.ToString();
        return true;
    }

    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>1*DIGIT with at most <paramref name="maxDigits"/> digits, parsed into an int no larger than <paramref name="max"/>.</summary>
    public static bool TryParseDigits(ReadOnlySpan<char> s, int maxDigits, long max, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > maxDigits)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max;
    }

    public static bool IsToken(ReadOnlySpan<char> s) => global::Rtsp.Protocol.Rtsp.RtspSyntax.IsToken(s);

    /// <summary>Splits <c>name=value</c> (value may be absent) and trims both.</summary>
    public static (string Name, string? Value) SplitParameter(string parameter)
    {
        var eq = parameter.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (parameter.Trim(), null) : (parameter[..eq].Trim(), parameter[(eq + 1)..].Trim());
    }
}
