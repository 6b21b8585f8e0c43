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
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders);
