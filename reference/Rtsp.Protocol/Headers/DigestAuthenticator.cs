using System.Security.Cryptography;
using System.Text;

namespace Rtsp.Protocol.Headers;

/// <summary>
/// RFC 2617 §3.2.2 Digest with MD5 and no qop — the form RTSP 1.0 servers and clients (ffmpeg, GStreamer, cameras)
/// use: HA1 = MD5(user:realm:password), HA2 = MD5(method:uri), response = MD5(HA1:nonce:HA2), lower-case hex.
/// </summary>
public static class DigestAuthenticator
{
    public static string ComputeResponse(string user, string realm, string password, string method, string uri, string nonce)
    {
        var ha1 = Md5Hex($"{user}:{realm}:{password}");
        var ha2 = Md5Hex($"{method}:{uri}");
        return Md5Hex($"{ha1}:{nonce}:{ha2}");
    }

    /// <summary>The Authorization header answering <paramref name="challenge"/> (Basic or Digest) for a request.</summary>
    public static AuthorizationHeader CreateAuthorization(WwwAuthenticateHeader challenge, string user, string password, string method, string uri)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (challenge.IsBasic)
        {
            return AuthorizationHeader.Basic(user, password);
        }

        if (!challenge.IsDigest)
        {
            throw new HeaderFormatException(WwwAuthenticateHeader.Name, challenge.ToString(), $"authentication scheme '{challenge.Scheme}' is not supported (Basic or Digest).");
        }

        if (challenge.Algorithm is { } algorithm && !algorithm.Equals("MD5", StringComparison.OrdinalIgnoreCase))
        {
            throw new HeaderFormatException(WwwAuthenticateHeader.Name, challenge.ToString(), $"Digest algorithm '{algorithm}' is not supported (MD5).");
        }

        var realm = challenge.Realm ?? throw new HeaderFormatException(WwwAuthenticateHeader.Name, challenge.ToString(), "Digest challenge without realm");
        var nonce = challenge.Nonce ?? throw new HeaderFormatException(WwwAuthenticateHeader.Name, challenge.ToString(), "Digest challenge without nonce");
        var response = ComputeResponse(user, realm, password, method, uri, nonce);
        return AuthorizationHeader.Digest(user, realm, nonce, uri, response, challenge.Opaque);
    }

    /// <summary>Whether Digest credentials carry the right response for this password and method (server side).
    /// Compared in constant time.</summary>
    public static bool Verify(AuthorizationHeader credentials, string password, string method)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (!credentials.IsDigest || credentials.UserName is null || credentials.Realm is null || credentials.Nonce is null ||
            credentials.Uri is null || credentials.Response is null)
        {
            return false;
        }

        var expected = ComputeResponse(credentials.UserName, credentials.Realm, password, method, credentials.Uri, credentials.Nonce);
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(credentials.Response.ToLowerInvariant()));
    }

    private static string Md5Hex(string text)
    {
        // RFC 2617 mandates MD5 here; it is a protocol requirement, not a choice of hash for security.
#pragma warning disable CA5351
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(text));
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash);
    }
}
