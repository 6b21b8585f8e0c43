using Rtsp.Protocol.Headers;

namespace Rtsp.Harness.Analysis;

/// <summary>
/// A point in the run an analyzer can relate packets to: a request sent and its response received, e.g. the
/// PLAY whose RTP-Info the first packet must match, or the PAUSE after which media must stop.
/// </summary>
/// <param name="Method">RTSP method (PLAY, PAUSE, TEARDOWN, ...).</param>
/// <param name="RequestTimestampNs">When the request left, ns since the Unix epoch.</param>
/// <param name="ResponseTimestampNs">When the response arrived; null if none came.</param>
/// <param name="StatusCode">The response status; null if none came.</param>
/// <param name="ResponseHeaders">The response headers as received (name, value), for RTP-Info / Range.</param>
public sealed record ScenarioEvent(
    string Method,
    long RequestTimestampNs,
    long? ResponseTimestampNs,
    int? StatusCode,
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders)
{
    /// <summary>The request URI (SETUP's track URL ties a stream to its RTP-Info entry); null if not recorded.</summary>
    public string? RequestUri { get; init; }

    /// <summary>The request headers as sent (a SETUP's Transport when the response echoes none).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RequestHeaders { get; init; } = [];

    /// <summary>The client end ("address:port") of the RTSP connection the request went over; null if not recorded.
    /// Interleaved channels are per connection (RFC 2326 §10.12), so two sessions on two connections may both use
    /// channel 0: this tells their streams apart.</summary>
    public string? ClientEndpoint { get; init; }

    /// <summary>The session the exchange belongs to: the response's Session header, else the request's; null if neither.</summary>
    public string? SessionId =>
        SessionHeader.TryParse(ResponseHeader("Session"), out var response) ? response!.Id
        : SessionHeader.TryParse(RequestHeader("Session"), out var request) ? request!.Id : null;

    /// <summary>First value of a response header (names are case-insensitive, RFC 2326 §4.2), or null.</summary>
    public string? ResponseHeader(string name) =>
        ResponseHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>First value of a request header, or null.</summary>
    public string? RequestHeader(string name) =>
        RequestHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public bool Succeeded => StatusCode is >= 200 and < 300;
}
