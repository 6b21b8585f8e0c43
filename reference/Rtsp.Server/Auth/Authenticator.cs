using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Auth;

/// <summary>
/// --user/--password: RFC 2617 Digest (MD5, no qop, as RTSP clients implement it) and Basic. A 401 offers
/// both challenges, Digest first (clients pick the first they support; ffmpeg and GStreamer prefer Digest).
/// Nonces are random, remembered for <see cref="NonceLifetime"/>, and only ones this server issued are accepted.
/// </summary>
public sealed class Authenticator(string user, string password)
{
    public const string Realm = "rtsp-ref";
    private static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, DateTime> _nonces = new(StringComparer.Ordinal);

    /// <summary>True when the request carries valid credentials.</summary>
    public bool IsAuthorized(RtspRequest request)
    {
        var value = request.Headers.Get(AuthorizationHeader.Name);
        if (value is null || !AuthorizationHeader.TryParse(value, out var credentials) || credentials is null)
            return false;
        if (credentials.IsBasic)
            return FixedTimeEquals(credentials.UserName, user) && FixedTimeEquals(credentials.Password, password);
        if (!credentials.IsDigest || !FixedTimeEquals(credentials.UserName, user) || credentials.Realm != Realm)
            return false;
        if (credentials.Nonce is null || !_nonces.TryGetValue(credentials.Nonce, out var issued) || DateTime.UtcNow - issued > NonceLifetime)
            return false;
        return DigestAuthenticator.Verify(credentials, password, request.Method);
    }

    /// <summary>Adds the Digest and Basic challenges to a 401.</summary>
    public void Challenge(RtspResponse response)
    {
        foreach (var stale in _nonces.Where(n => DateTime.UtcNow - n.Value > NonceLifetime).Select(n => n.Key).ToList())
            _nonces.TryRemove(stale, out _);
        string nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _nonces[nonce] = DateTime.UtcNow;
        response.Headers.Add(WwwAuthenticateHeader.Name, WwwAuthenticateHeader.Digest(Realm, nonce).ToString());
        response.Headers.Add(WwwAuthenticateHeader.Name, WwwAuthenticateHeader.Basic(Realm).ToString());
    }

    private static bool FixedTimeEquals(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
