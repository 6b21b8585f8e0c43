using Rtsp.Protocol;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Client.Auth;

/// <summary>
/// Answers a 401 challenge with the credentials from the URL (RFC 2326 §12.5 and §12.44 reuse HTTP
/// authentication, RFC 2617). Digest is preferred over Basic when the server offers both, because Basic sends
/// the password in clear. After a challenge is accepted every later request carries the Authorization header,
/// recomputed for its method and URI (Digest binds both).
/// </summary>
public sealed class RtspAuthenticator
{
    private readonly string? _user;
    private readonly string? _password;
    private WwwAuthenticateHeader? _challenge;

    public RtspAuthenticator(string? user, string? password)
    {
        _user = user;
        _password = password;
    }

    public bool HasCredentials => _user is not null;

    /// <summary>The scheme in use after a challenge was accepted ("Digest" or "Basic"); null before.</summary>
    public string? Scheme => _challenge?.Scheme;

    /// <summary>Takes the challenge of a 401 answer. False when there are no credentials or no challenge this
    /// client can answer (then the 401 stands and is reported).</summary>
    public bool AcceptChallenge(RtspResponse unauthorized)
    {
        if (!HasCredentials)
        {
            return false;
        }

        var usable = unauthorized.Headers.GetAll(WwwAuthenticateHeader.Name)
            .Select(value => WwwAuthenticateHeader.TryParse(value, out var challenge) ? challenge : null)
            .Where(challenge => challenge is not null && CanAnswer(challenge))
            .ToList();
        var chosen = usable.FirstOrDefault(c => c!.IsDigest) ?? usable.FirstOrDefault(c => c!.IsBasic);
        if (chosen is null)
        {
            return false;
        }

        _challenge = chosen;
        return true;
    }

    /// <summary>Adds the Authorization header for <paramref name="request"/> when a challenge was accepted.</summary>
    public void Authorize(RtspRequest request)
    {
        if (_challenge is null || _user is null)
        {
            return;
        }

        var header = DigestAuthenticator.CreateAuthorization(_challenge, _user, _password ?? string.Empty, request.Method, request.Uri);
        request.Headers.Set(AuthorizationHeader.Name, header.ToString());
    }

    // A Digest challenge with another algorithm than MD5, or without realm or nonce, cannot be answered.
    private bool CanAnswer(WwwAuthenticateHeader challenge)
    {
        try
        {
            DigestAuthenticator.CreateAuthorization(challenge, _user!, _password ?? string.Empty, "OPTIONS", "*");
            return true;
        }
        catch (ProtocolFormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false; // Basic with a ':' in the user name
        }
    }
}
