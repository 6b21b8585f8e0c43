using Rtsp.Harness.Scenarios;
using Rtsp.Protocol.Headers;

namespace Rtsp.Harness.Runner;

/// <summary>Reading a 401's challenges and answering them (RFC 2326 §12.5 with RFC 2617 Basic and Digest).</summary>
public static class Challenges
{
    /// <summary>The challenge to answer: Digest when offered (the password never crosses the wire), else Basic; null if none.</summary>
    public static WwwAuthenticateHeader? Pick(ReceivedResponse response)
    {
        var offered = response.Message?.Headers.GetAll(WwwAuthenticateHeader.Name)
            .Select(v => WwwAuthenticateHeader.TryParse(v, out var c) ? c : null).OfType<WwwAuthenticateHeader>().ToList() ?? [];
        return offered.FirstOrDefault(c => c.IsDigest) ?? offered.FirstOrDefault(c => c.IsBasic);
    }

    /// <summary>The Authorization value answering <paramref name="challenge"/> for this request.</summary>
    public static string Authorize(WwwAuthenticateHeader challenge, Credentials credentials, string method, string uri) =>
        (challenge.IsDigest
            ? DigestAuthenticator.CreateAuthorization(challenge, credentials.User, credentials.Password, method, uri)
            : AuthorizationHeader.Basic(credentials.User, credentials.Password)).ToString();

    /// <summary>The challenges offered, for messages: e.g. <c>Digest realm="cam"</c>, or "no WWW-Authenticate".</summary>
    public static string Describe(ReceivedResponse response)
    {
        var offered = response.Message?.Headers.GetAll(WwwAuthenticateHeader.Name).ToList() ?? [];
        return offered.Count == 0 ? "no WWW-Authenticate" : string.Join("; ", offered.Select(o => o.Split(',')[0]));
    }
}
