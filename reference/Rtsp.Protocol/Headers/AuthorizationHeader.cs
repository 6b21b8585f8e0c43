using System.Text;

namespace Rtsp.Protocol.Headers;

/// <summary>
/// Authorization (RFC 2326 §12.5, RFC 2617): <c>Basic base64(user:password)</c> or
/// <c>Digest username="..", realm="..", nonce="..", uri="..", response=".."[, opaque=".."][, algorithm=MD5]</c>.
/// </summary>
public sealed record AuthorizationHeader
{
    public const string Name = "Authorization";

    private AuthorizationHeader(string scheme, string? userName, string? password, IReadOnlyDictionary<string, string> parameters)
    {
        Scheme = scheme;
        UserName = userName;
        Password = password;
        Parameters = parameters;
    }

    public string Scheme { get; }

    /// <summary>The user: from the Basic credentials, or Digest's <c>username</c>.</summary>
    public string? UserName { get; }

    /// <summary>The Basic password (null for Digest, which never sends it).</summary>
    public string? Password { get; }

    /// <summary>Digest parameters; empty for Basic.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public bool IsDigest => Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Get("realm");

    public string? Nonce => Get("nonce");

    public string? Uri => Get("uri");

    public string? Response => Get("response");

    public string? Opaque => Get("opaque");

    public static AuthorizationHeader Basic(string userName, string password)
    {
        // RFC 2617 §2: the user-ID cannot contain ':', the password can.
        if (userName.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A Basic user name cannot contain ':'.", nameof(userName));
        }

        return new AuthorizationHeader("Basic", userName, password, new OrderedParameters([]));
    }

    public static AuthorizationHeader Digest(string userName, string realm, string nonce, string uri, string response, string? opaque = null)
    {
        var items = new List<(string, string)>
        {
            ("username", userName), ("realm", realm), ("nonce", nonce), ("uri", uri), ("response", response),
        };
        if (opaque is not null)
        {
            items.Add(("opaque", opaque));
        }

        items.Add(("algorithm", "MD5"));
        return new AuthorizationHeader("Digest", userName, null, new OrderedParameters(items));
    }

    public static AuthorizationHeader Parse(string value)
    {
        if (!TryParse(value, out var header, out var error))
        {
            throw new HeaderFormatException(Name, value, error!);
        }

        return header!;
    }

    public static bool TryParse(string? value, out AuthorizationHeader? header) => TryParse(value, out header, out _);

    private static bool TryParse(string? value, out AuthorizationHeader? header, out string? error)
    {
        header = null;
        error = "expected 'Basic credentials' or 'Digest name=\"value\", ...'";
        if (value is null)
        {
            return false;
        }

        var text = value.Trim();
        var space = text.IndexOfAny([' ', '\t']);
        if (space <= 0 || !HeaderParsing.IsToken(text.AsSpan(0, space)))
        {
            return false;
        }

        var scheme = text[..space];
        var rest = text[(space + 1)..].Trim();
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(rest));
            }
            catch (FormatException)
            {
                error = "Basic credentials are not base64";
                return false;
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                error = "Basic credentials are not user:password";
                return false;
            }

            header = new AuthorizationHeader(scheme, decoded[..colon], decoded[(colon + 1)..], new OrderedParameters([]));
            return true;
        }

        if (!AuthParameters.TryParse(rest, out var parameters))
        {
            error = "malformed auth parameters";
            return false;
        }

        if (scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase) &&
            new[] { "username", "realm", "nonce", "uri", "response" }.FirstOrDefault(p => !parameters.ContainsKey(p)) is { } missing)
        {
            error = $"Digest credentials lack '{missing}'";
            return false;
        }

        header = new AuthorizationHeader(scheme, parameters.TryGetValue("username", out var user) ? user : null, null, parameters);
        return true;
    }

    public string? Get(string name) => Parameters.TryGetValue(name, out var v) ? v : null;

    public bool Equals(AuthorizationHeader? other) =>
        other is not null && string.Equals(Scheme, other.Scheme, StringComparison.OrdinalIgnoreCase) &&
        UserName == other.UserName && Password == other.Password &&
        Parameters.Count == other.Parameters.Count && Parameters.All(p => other.Get(p.Key) == p.Value);

    public override int GetHashCode() => HashCode.Combine(UserName, Parameters.Count);

    public override string ToString() => IsBasic
        ? $"{Scheme} {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{Password}"))}"
        : $"{Scheme} {AuthParameters.Format(Parameters)}";
}
