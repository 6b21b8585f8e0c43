using System.Text;

namespace Rtsp.Protocol.Headers;

/// <summary><c>#auth-param</c> lists of RFC 2617 §1.2: <c>name=token</c> or <c>name="quoted string"</c>, comma-separated.</summary>
internal static class AuthParameters
{
    public static bool TryParse(string text, out OrderedParameters parameters)
    {
        parameters = new OrderedParameters([]);
        var items = new List<(string, string)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in HeaderParsing.SplitOutsideQuotes(text, ','))
        {
            if (item.Trim().Length == 0)
            {
                continue;
            }

            var (name, raw) = HeaderParsing.SplitParameter(item);
            if (!HeaderParsing.IsToken(name) || raw is null || !HeaderParsing.TryUnquote(raw, out var value) ||
                !names.Add(name))
            {
                return false;
            }

            items.Add((name, value));
        }

        parameters = new OrderedParameters(items);
        return true;
    }

    /// <summary>Writes <c>name="value"</c>, or <c>name=value</c> for the parameters RFC 2617 defines as tokens.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var s = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (s.Length > 0)
            {
                s.Append(", ");
            }

            var token = name.Equals("algorithm", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("stale", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("nc", StringComparison.OrdinalIgnoreCase);
            s.Append(name).Append('=').Append(token && HeaderParsing.IsToken(value) ? value : HeaderParsing.Quote(value));
        }

        return s.ToString();
    }
}
