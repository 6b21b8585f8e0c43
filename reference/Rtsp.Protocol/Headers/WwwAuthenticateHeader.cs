namespace Rtsp.Protocol.Headers;

/// <summary>
/// WWW-Authenticate (RFC 2326 §12.44, RFC 2617 §1.2/§3.2.1): <c>scheme 1#auth-param</c>, e.g.
/// <c>Digest realm="rtsp-ref", nonce="abc", algorithm=MD5</c> or <c>Basic realm="rtsp-ref"</c>.
/// Parameter names compare case-insensitively; order is kept for formatting.
/// </summary>
public sealed record WwwAuthenticateHeader(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public const string Name = "WWW-Authenticate";

    public bool IsDigest => Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Get("realm");

    public string? Nonce => Get("nonce");

    public string? Opaque => Get("opaque");

    public string? Algorithm => Get("algorithm");

    public static WwwAuthenticateHeader Basic(string realm) => new("Basic", Ordered(("realm", realm)));

    public static WwwAuthenticateHeader Digest(string realm, string nonce, string? opaque = null)
    {
        var list = new List<(string, string)> { ("realm", realm), ("nonce", nonce) };
        if (opaque is not null)
        {
            list.Add(("opaque", opaque));
        }

        list.Add(("algorithm", "MD5"));
        return new WwwAuthenticateHeader("Digest", Ordered([.. list]));
    }

    public static WwwAuthenticateHeader Parse(string value) =>
        TryParse(value, out var header) ? header! : throw new HeaderFormatException(Name, value, "expected scheme followed by name=value parameters");

    public static bool TryParse(string? value, out WwwAuthenticateHeader? header)
    {
        header = null;
        if (value is null)
        {
            return false;
        }

        var text = value.Trim();
        var space = text.IndexOfAny([' ', '\t']);
        var scheme = space < 0 ? text : text[..space];
        if (!HeaderParsing.IsToken(scheme) || !AuthParameters.TryParse(space < 0 ? "" : text[(space + 1)..], out var parameters))
        {
            return false;
        }

        header = new WwwAuthenticateHeader(scheme, parameters);
        return true;
    }

    public string? Get(string name) => Parameters.TryGetValue(name, out var v) ? v : null;

    public bool Equals(WwwAuthenticateHeader? other) =>
        other is not null && string.Equals(Scheme, other.Scheme, StringComparison.OrdinalIgnoreCase) &&
        Parameters.Count == other.Parameters.Count && Parameters.All(p => other.Get(p.Key) == p.Value);

    public override int GetHashCode() => Parameters.Count;

    public override string ToString() =>
        Parameters.Count == 0 ? Scheme : $"{Scheme} {AuthParameters.Format(Parameters)}";

    internal static OrderedParameters Ordered(params (string Name, string Value)[] items) => new(items);
}
