namespace Rtsp.Protocol.Headers;

/// <summary><c>1*nDIGIT [ "-" 1*nDIGIT ]</c>, shared by ports and interleaved channels.</summary>
internal static class NumberRange
{
    public static bool TryParse(string? value, int maxDigits, int max, out int low, out int? high)
    {
        low = 0;
        high = null;
        if (value is null)
        {
            return false;
        }

        var s = value.AsSpan().Trim();
        var dash = s.IndexOf('-');
        var lowText = dash < 0 ? s : s[..dash];
        if (!HeaderParsing.TryParseDigits(lowText, maxDigits, max, out var l))
        {
            return false;
        }

        low = (int)l;
        if (dash < 0)
        {
            return true;
        }

        if (!HeaderParsing.TryParseDigits(s[(dash + 1)..], maxDigits, max, out var h))
        {
            return false;
        }

        high = (int)h;
        return true;
    }
}
