using System.Globalization;

namespace Rtsp.Protocol.Headers;

/// <summary>
/// Session (RFC 2326 §12.37): <c>session-id [ ";" "timeout" "=" delta-seconds ]</c>, where
/// <c>session-id = 1*( ALPHA | DIGIT | safe )</c> and <c>safe = "$" | "-" | "_" | "." | "+"</c>.
/// The parameter name is matched case-insensitively; other parameters are ignored (none is defined).
/// </summary>
public sealed record SessionHeader(string Id, int? TimeoutSeconds = null)
{
    public const string Name = "Session";

    /// <summary>RFC 2326 §12.37: the timeout a server assumes when it sends none.</summary>
    public const int DefaultTimeoutSeconds = 60;

    public static SessionHeader Parse(string value)
    {
        if (!TryParse(value, out var header, out var error))
        {
            throw new HeaderFormatException(Name, value, error!);
        }

        return header!;
    }

    public static bool TryParse(string? value, out SessionHeader? header) => TryParse(value, out header, out _);

    public static bool IsValidId(string? id) => !string.IsNullOrEmpty(id) && id.All(IsIdChar);

    public override string ToString() =>
        TimeoutSeconds is { } t ? $"{Id};timeout={t.ToString(CultureInfo.InvariantCulture)}" : Id;

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '$' or '-' or '_' or '.' or '+';

    private static bool TryParse(string? value, out SessionHeader? header, out string? error)
    {
        header = null;
        if (value is null)
        {
            error = "missing";
            return false;
        }

        var parts = value.Split(';');
        var id = parts[0].Trim();
        if (!IsValidId(id))
        {
            error = "the session id must be 1 or more letters, digits or $-_.+";
            return false;
        }

        int? timeout = null;
        foreach (var part in parts.Skip(1))
        {
            var (name, raw) = HeaderParsing.SplitParameter(part);
            if (!name.Equals("timeout", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (timeout is not null || raw is null || !HeaderParsing.TryParseDigits(raw, 10, int.MaxValue, out var seconds))
            {
                error = "timeout must appear once, as a number of seconds";
                return false;
            }

            timeout = (int)seconds;
        }

        header = new SessionHeader(id, timeout);
        error = null;
        return true;
    }
}
