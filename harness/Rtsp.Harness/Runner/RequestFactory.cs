using System.Globalization;
using System.Text;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Scenarios.Steps;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Runner;

/// <summary>
/// Builds the request a step describes, the way a careful client would (RFC 2326 §10): CSeq, Session once known,
/// Transport for SETUP, Range for PLAY, then the scenario's own headers, then the omissions it asks for.
/// </summary>
public static class RequestFactory
{
    public const string UserAgent = "rtsp-harness (RtspConformance)";

    /// <param name="setup">For SETUP: the stream being prepared (UDP receiver opened, or channels chosen); else null.</param>
    public static RtspRequest Build(RequestStep step, SessionContext session, TargetInfo target, string runTransport, out MediaStreamSetup? setup)
    {
        setup = null;
        var uri = step.Url is { } template ? Placeholders.Fill(template, target, session) : DefaultUri(step, session, target);
        var request = new RtspRequest(step.Method, uri);
        request.Headers.Add("CSeq", (session.NextCSeq++).ToString(CultureInfo.InvariantCulture));
        if (session.SessionId is { } id && step.Method is not ("OPTIONS" or "DESCRIBE"))
        {
            request.Headers.Add("Session", id);
        }

        switch (step)
        {
            case SetupStep s:
                request.Headers.Add("Transport", BuildTransport(s, session, runTransport, out setup));
                break;
            case PlayStep { Range: { } range }:
                request.Headers.Add("Range", ResolveRange(range, target));
                break;
        }

        if (step.Method == "DESCRIBE")
        {
            request.Headers.Add("Accept", "application/sdp");
        }

        request.Headers.Add("User-Agent", UserAgent);
        if (session is { Credentials: { } credentials, Challenge: { } challenge } && step.Auth?.Source != AuthSource.None)
        {
            request.Headers.Add(AuthorizationHeader.Name, Challenges.Authorize(challenge, credentials, step.Method, uri));
        }

        foreach (var (name, value) in step.Headers)
        {
            request.Headers.Set(name, Placeholders.Fill(value, target, session));
        }

        if (step.Body is { } body)
        {
            request.Body = Encoding.UTF8.GetBytes(Placeholders.Fill(body, target, session));
            request.Headers.Set("Content-Type", step.ContentType ?? "text/parameters");
        }

        foreach (var name in step.Omit)
        {
            request.Headers.Remove(name);
        }

        return request;
    }

    /// <summary>A range relative to the target's length (<c>npt=end-2s-</c>) in seconds; any other range as written.</summary>
    public static string ResolveRange(string range, TargetInfo target)
    {
        if (!RelativeRange.IsRelative(range))
        {
            return range;
        }

        // The run checks every relative range against the target before the scenario starts (not applicable otherwise).
        return RelativeRange.Resolve(range, target.Presentation.Length, out var why, out _)
            ?? throw new InvalidOperationException($"range {range} was not checked before the run: {why}");
    }

    private static string DefaultUri(RequestStep step, SessionContext session, TargetInfo target) => step switch
    {
        SetupStep s when s.Track < session.TrackUrls.Count => session.TrackUrls[s.Track],
        SetupStep => target.Url.ToString(),
        _ when step.Method is "OPTIONS" or "DESCRIBE" => target.Url.ToString(),
        _ => session.AggregateUrl ?? target.Url.ToString(),
    };

    private static string BuildTransport(SetupStep step, SessionContext session, string runTransport, out MediaStreamSetup setup)
    {
        var lower = step.LowerTransport ?? runTransport;
        if (lower == "udp")
        {
            // Bind where the RTSP connection leaves from: the address the server sees us at.
            var receiver = UdpMediaReceiver.Open(session.Connection.LocalEndPoint.Address, session.ClientPorts, session.RecorderForMedia, session.Media);
            setup = new MediaStreamSetup(step.Track, "udp", receiver, null, null);
            if (step.TransportHeader is { } literalUdp)
            {
                return literalUdp;
            }

            var destination = step.Destination is { } d ? $";destination={d}" : string.Empty;
            return string.Create(CultureInfo.InvariantCulture, $"RTP/AVP;unicast{destination};client_port={receiver.RtpPort}-{receiver.RtcpPort}");
        }

        int? rtp = 2 * step.Track;
        int? rtcp = rtp + 1;
        if (step.Interleaved is "none")
        {
            rtp = null;
        }
        else if (step.Interleaved is { } channels)
        {
            var parts = channels.Split('-');
            rtp = int.Parse(parts[0], CultureInfo.InvariantCulture);
            rtcp = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : rtp + 1;
        }

        // With none asked for, listen on the conventional pair until the reply says otherwise.
        setup = new MediaStreamSetup(step.Track, "tcp", null, rtp ?? 2 * step.Track, rtp is null ? (2 * step.Track) + 1 : rtcp);
        if (step.TransportHeader is { } literalTcp)
        {
            return literalTcp;
        }

        var destinationTcp = step.Destination is { } dt ? $";destination={dt}" : string.Empty;
        return rtp is null
            ? $"RTP/AVP/TCP;unicast{destinationTcp}"
            : string.Create(CultureInfo.InvariantCulture, $"RTP/AVP/TCP;unicast{destinationTcp};interleaved={rtp}-{rtcp}");
    }
}
