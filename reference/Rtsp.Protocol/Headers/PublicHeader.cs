namespace Rtsp.Protocol.Headers;

/// <summary>Public (RFC 2326 §12.28, from RFC 2068 §14.35): <c>1#method</c>, the methods a server supports.</summary>
public sealed record PublicHeader(IReadOnlyList<string> Methods)
{
    public const string Name = "Public";

    public static PublicHeader Parse(string value) =>
        TryParse(value, out var header) ? header! : throw new HeaderFormatException(Name, value, "expected a comma-separated list of method tokens");

    public static bool TryParse(string? value, out PublicHeader? header)
    {
        header = null;
        if (value is null)
        {
            return false;
        }

        var methods = new List<string>();
        foreach (var part in value.Split(','))
        {
            var method = part.Trim();
            if (method.Length == 0)
            {
                // RFC 2616 §2.1 #rule: empty list elements are allowed and ignored.
                continue;
            }

            if (!HeaderParsing.IsToken(method))
            {
                return false;
            }

            methods.Add(method);
        }

        if (methods.Count == 0)
        {
            return false;
        }

        header = new PublicHeader(methods);
        return true;
    }

    /// <summary>Methods are case-sensitive (RFC 2326 §6.1).</summary>
    public bool Contains(string method) => Methods.Contains(method, StringComparer.Ordinal);

    public bool Equals(PublicHeader? other) => other is not null && Methods.SequenceEqual(other.Methods, StringComparer.Ordinal);

    public override int GetHashCode() => Methods.Count;

    public override string ToString() => string.Join(", ", Methods);
}
