using Rtsp.Protocol.Headers;

namespace Rtsp.Harness.Analysis.Streams;

/// <summary>
/// What one successful SETUP agreed (RFC 2326 §12.39): which UDP ports or interleaved channels carry the track's
/// RTP and RTCP, the SSRC the server announced, the track URL and the session. Derived from the SETUP events, so
/// a live run and an offline capture map packets to tracks the same way.
/// </summary>
public sealed record NegotiatedTransport(
    string? ControlUrl,
    string? SessionId,
    bool OverTcp,
    int? RtpChannel,
    int? RtcpChannel,
    int? ServerRtpPort,
    int? ServerRtcpPort,
    int? ClientRtpPort,
    int? ClientRtcpPort,
    uint? Ssrc,
    long SetupTimestampNs)
{
    /// <summary>The client end of the RTSP connection the SETUP went over: interleaved channels belong to it.</summary>
    public string? ClientEndpoint { get; init; }

    /// <summary>The transports of every successful SETUP, in order. The response's Transport wins; the request's
    /// is the fallback (some servers echo nothing).</summary>
    public static IReadOnlyList<NegotiatedTransport> FromEvents(IEnumerable<ScenarioEvent> events)
    {
        var result = new List<NegotiatedTransport>();
        foreach (var setup in events.Where(e => e.Succeeded && string.Equals(e.Method, "SETUP", StringComparison.OrdinalIgnoreCase)))
        {
            var spec = FirstSpec(setup.ResponseHeader("Transport")) ?? FirstSpec(setup.RequestHeader("Transport"));
            if (spec is null)
            {
                continue;
            }

            bool tcp = spec.LowerTransport == LowerTransport.Tcp;
            int? rtpChannel = tcp ? spec.Interleaved?.Low ?? 0 : null;
            int? rtcpChannel = tcp ? spec.Interleaved?.High ?? rtpChannel + 1 : null;
            result.Add(new NegotiatedTransport(
                setup.RequestUri,
                setup.SessionId,
                tcp,
                rtpChannel,
                rtcpChannel,
                spec.ServerPort?.Low,
                spec.ServerPort is { } server ? server.High ?? server.Low + 1 : null,
                spec.ClientPort?.Low,
                spec.ClientPort is { } client ? client.High ?? client.Low + 1 : null,
                spec.Ssrc,
                setup.RequestTimestampNs)
            {
                ClientEndpoint = setup.ClientEndpoint,
            });
        }

        return result;
    }

    private static TransportSpec? FirstSpec(string? value) =>
        TransportHeader.TryParse(value, out var header) && header!.Specs.Count > 0 ? header.Specs[0] : null;
}
