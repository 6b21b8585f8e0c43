using System.Text.RegularExpressions;

namespace Rtsp.Protocol.Headers;

/// <summary>
/// Range (RFC 2326 §12.29): <c>ranges-specifier [ ";" "time" "=" utc-time ]</c>.
/// npt is parsed into <see cref="NptTime"/> values (<c>npt=10-</c>, <c>npt=0-10.5</c>, <c>npt=now-</c>,
/// <c>npt=-20</c>, <c>npt=00:01:02.5-</c>); clock and SMPTE ranges are checked against their grammar and kept as
/// their raw start and end text. A list of several ranges is rejected: no peer we know sends one.
/// </summary>
public sealed partial record RangeHeader
{
    public const string Name = "Range";

    public RangeUnit Unit { get; init; } = RangeUnit.Npt;

    /// <summary>The unit as written: <c>npt</c>, <c>clock</c>, <c>smpte</c>, <c>smpte-30-drop</c>, <c>smpte-25</c>.</summary>
    public string UnitName { get; init; } = "npt";

    /// <summary>The npt start; null for <c>npt=-20</c> and for clock/SMPTE ranges.</summary>
    public NptTime? Start { get; init; }

    /// <summary>The npt end; null for an open range like <c>npt=10-</c>.</summary>
    public NptTime? End { get; init; }

    /// <summary>The start as written (any unit); null when absent.</summary>
    public string? RawStart { get; init; }

    /// <summary>The end as written (any unit); null when absent.</summary>
    public string? RawEnd { get; init; }

    /// <summary>The <c>;time=</c> parameter (a UTC time when the range should take effect).</summary>
    public string? Time { get; init; }

    public bool IsOpenEnded => RawEnd is null;

    public static RangeHeader Npt(double start, double? end = null)
    {
        var s = NptTime.FromSeconds(start);
        var e = end is null ? (NptTime?)null : NptTime.FromSeconds(end.Value);
        return new RangeHeader { Start = s, End = e, RawStart = s.ToString(), RawEnd = e?.ToString() };
    }

    public static RangeHeader NptFromNow() =>
        new() { Start = NptTime.Now, RawStart = "now" };

    public static RangeHeader Parse(string value)
    {
        if (!TryParse(value, out var header, out var error))
        {
            throw new HeaderFormatException(Name, value, error!);
        }

        return header!;
    }

    public static bool TryParse(string? value, out RangeHeader? header) => TryParse(value, out header, out _);

    private static bool TryParse(string? value, out RangeHeader? header, out string? error)
    {
        header = null;
        if (value is null)
        {
            error = "missing";
            return false;
        }

        var parts = value.Split(';');
        string? time = null;
        foreach (var part in parts.Skip(1))
        {
            var (name, raw) = HeaderParsing.SplitParameter(part);
            if (name.Equals("time", StringComparison.OrdinalIgnoreCase))
            {
                if (raw is null || !UtcTime().IsMatch(raw))
                {
                    error = "time= must be a UTC time like 19970123T143720Z";
                    return false;
                }

                time = raw;
            }
        }

        var spec = parts[0].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            error = "several ranges in one header are not supported";
            return false;
        }

        var eq = spec.IndexOf('=', StringComparison.Ordinal);
        var dash = eq < 0 ? -1 : spec.IndexOf('-', eq + 1);
        if (eq <= 0 || dash < 0)
        {
            error = "expected unit=start-[end], e.g. npt=0-";
            return false;
        }

        var unitName = spec[..eq].Trim();
        var start = spec[(eq + 1)..dash].Trim();
        var end = spec[(dash + 1)..].Trim();
        RangeHeader result;
        if (unitName.Equals("npt", StringComparison.OrdinalIgnoreCase))
        {
            NptTime? s = null;
            NptTime? e = null;
            if ((start.Length > 0 && !TryNpt(start, out s)) || (end.Length > 0 && !TryNpt(end, out e)) || (s is null && e is null))
            {
                error = "npt range needs start-[end] or -end, each now, seconds or h:mm:ss";
                return false;
            }

            if (s is { IsNow: false } a && e is { IsNow: false } b && b.Seconds < a.Seconds)
            {
                error = "npt end before start";
                return false;
            }

            result = new RangeHeader { Unit = RangeUnit.Npt, UnitName = "npt", Start = s, End = e };
        }
        else if (unitName.Equals("clock", StringComparison.OrdinalIgnoreCase))
        {
            if (!UtcTime().IsMatch(start) || (end.Length > 0 && !UtcTime().IsMatch(end)))
            {
                error = "clock range needs UTC times like 19961108T142300Z";
                return false;
            }

            result = new RangeHeader { Unit = RangeUnit.Clock, UnitName = "clock" };
        }
        else if (SmpteUnit().IsMatch(unitName))
        {
            if (!SmpteTime().IsMatch(start) || (end.Length > 0 && !SmpteTime().IsMatch(end)))
            {
                error = "SMPTE range needs times like 10:07:00 or 10:07:33:05.01";
                return false;
            }

            result = new RangeHeader { Unit = RangeUnit.Smpte, UnitName = unitName.ToLowerInvariant() };
        }
        else
        {
            error = $"unknown range unit '{unitName}' (npt, clock or smpte)";
            return false;
        }

        header = result with
        {
            RawStart = start.Length == 0 ? null : start,
            RawEnd = end.Length == 0 ? null : end,
            Time = time,
        };
        error = null;
        return true;
    }

    private static bool TryNpt(string text, out NptTime? time)
    {
        var ok = NptTime.TryParse(text, out var t);
        time = ok ? t : null;
        return ok;
    }

    /// <summary>Equal when they mean the same range: npt compares the times, other units the raw text.</summary>
    public bool Equals(RangeHeader? other) =>
        other is not null && Unit == other.Unit && UnitName == other.UnitName && Time == other.Time &&
        (Unit == RangeUnit.Npt ? Start == other.Start && End == other.End : RawStart == other.RawStart && RawEnd == other.RawEnd);

    public override int GetHashCode() => HashCode.Combine(Unit, UnitName, Time, Start, End);

    public override string ToString()
    {
        var range = Unit == RangeUnit.Npt
            ? $"npt={Start?.ToString()}-{End?.ToString()}"
            : $"{UnitName}={RawStart}-{RawEnd}";
        return Time is null ? range : $"{range};time={Time}";
    }

    // utc-time = utc-date "T" utc-time "Z" (RFC 2326 §3.7): 8DIGIT "T" 6DIGIT [ "." fraction ] "Z".
    [GeneratedRegex(@"^\d{8}T\d{6}(\.\d+)?Z$")]
    private static partial Regex UtcTime();

    // smpte-time = 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT [ ":" 1*2DIGIT ] [ "." 1*2DIGIT ] (RFC 2326 §3.5).
    [GeneratedRegex(@"^\d{1,2}:\d{1,2}:\d{1,2}(:\d{1,2})?(\.\d{1,2})?$")]
    private static partial Regex SmpteTime();

    [GeneratedRegex("^smpte(-30-drop|-25)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SmpteUnit();
}
