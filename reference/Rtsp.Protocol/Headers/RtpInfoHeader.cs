namespace Rtsp.Protocol.Headers;

/// <summary>
/// RTP-Info (RFC 2326 §12.33): <c>1#( "url" "=" url [ ";" "seq" "=" 1*DIGIT ] [ ";" "rtptime" "=" 1*DIGIT ] )</c>.
/// </summary>
/// <remarks>
/// A URL may itself hold ',' and ';' (query strings, path parameters), so splitting on them naively breaks real
/// headers. Entries are split only at a comma followed by <c>url=</c>, and a URL ends only at a <c>;seq=</c>,
/// <c>;rtptime=</c> or <c>;ssrc=</c> parameter. A quoted URL (RTSP 2.0 style) is unquoted. Unknown parameters are
/// ignored.
/// </remarks>
public sealed record RtpInfoHeader(IReadOnlyList<RtpInfoEntry> Entries)
{
    public const string Name = "RTP-Info";

    private static readonly string[] Parameters = ["seq", "rtptime", "ssrc"];

    public RtpInfoHeader(params RtpInfoEntry[] entries)
        : this((IReadOnlyList<RtpInfoEntry>)entries)
    {
    }

    public static RtpInfoHeader Parse(string value)
    {
        if (!TryParse(value, out var header, out var error))
        {
            throw new HeaderFormatException(Name, value, error!);
        }

        return header!;
    }

    public static bool TryParse(string? value, out RtpInfoHeader? header) => TryParse(value, out header, out _);

    private static bool TryParse(string? value, out RtpInfoHeader? header, out string? error)
    {
        header = null;
        error = "missing";
        if (value is null)
        {
            return false;
        }

        var entries = new List<RtpInfoEntry>();
        foreach (var text in SplitEntries(value))
        {
            if (!TryParseEntry(text, out var entry, out error))
            {
                return false;
            }

            entries.Add(entry!);
        }

        if (entries.Count == 0)
        {
            error = "no entry";
            return false;
        }

        header = new RtpInfoHeader(entries);
        return true;
    }

    private static List<string> SplitEntries(string value)
    {
        var entries = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == ',' && value.AsSpan(i + 1).TrimStart().StartsWith("url=", StringComparison.OrdinalIgnoreCase))
            {
                entries.Add(value[start..i].Trim());
                start = i + 1;
            }
        }

        entries.Add(value[start..].Trim());
        return entries.Where(e => e.Length > 0).ToList();
    }

    private static bool TryParseEntry(string text, out RtpInfoEntry? entry, out string? error)
    {
        entry = null;
        if (!text.StartsWith("url=", StringComparison.OrdinalIgnoreCase))
        {
            error = "each entry must start with url=";
            return false;
        }

        var urlEnd = text.Length;
        foreach (var p in Parameters)
        {
            var at = text.IndexOf(";" + p + "=", StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && at < urlEnd)
            {
                urlEnd = at;
            }
        }

        if (!HeaderParsing.TryUnquote(text[4..urlEnd], out var url) || url.Length == 0 || url.AsSpan().IndexOfAny(" \t") >= 0)
        {
            error = "url is empty or malformed";
            return false;
        }

        ushort? seq = null;
        uint? rtpTime = null;
        foreach (var part in text[urlEnd..].Split(';').Skip(1))
        {
            var (name, raw) = HeaderParsing.SplitParameter(part);
            if (name.Equals("seq", StringComparison.OrdinalIgnoreCase))
            {
                if (seq is not null || !HeaderParsing.TryParseDigits(raw, 5, ushort.MaxValue, out var s))
                {
                    error = $"seq={raw} is not a 16-bit sequence number (or repeats)";
                    return false;
                }

                seq = (ushort)s;
            }
            else if (name.Equals("rtptime", StringComparison.OrdinalIgnoreCase))
            {
                if (rtpTime is not null || !HeaderParsing.TryParseDigits(raw, 10, uint.MaxValue, out var t))
                {
                    error = $"rtptime={raw} is not a 32-bit timestamp (or repeats)";
                    return false;
                }

                rtpTime = (uint)t;
            }
        }

        entry = new RtpInfoEntry(url, seq, rtpTime);
        error = null;
        return true;
    }

    public bool Equals(RtpInfoHeader? other) => other is not null && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Count;

    public override string ToString() => string.Join(",", Entries.Select(e => e.ToString()));
}
