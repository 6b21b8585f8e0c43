using Rtsp.Protocol.Rtsp;

namespace Rtsp.Client.Auth;

/// <summary>
/// Sends a request and, when the server answers 401 with a challenge the credentials can meet, sends it once more
/// with an Authorization header (a new request, so a new CSeq). Only once: a second 401 means the credentials
/// are wrong and is returned as it is.
/// </summary>
public sealed class AuthRetryingSender
{
    private readonly Func<RtspRequest, CancellationToken, Task<RtspResponse>> _send;

    public AuthRetryingSender(RtspAuthenticator authenticator, Func<RtspRequest, CancellationToken, Task<RtspResponse>> send)
    {
        Authenticator = authenticator;
        _send = send;
    }

    public RtspAuthenticator Authenticator { get; }

    /// <summary><paramref name="buildRequest"/> is called for each attempt (a request is not reused).</summary>
    public async Task<RtspResponse> SendAsync(Func<RtspRequest> buildRequest, CancellationToken cancellationToken)
    {
        var request = buildRequest();
        Authenticator.Authorize(request);
        var response = await _send(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != 401 || !Authenticator.AcceptChallenge(response))
        {
            return response;
        }

        var retry = buildRequest();
        Authenticator.Authorize(retry);
        return await _send(retry, cancellationToken).ConfigureAwait(false);
    }
}
