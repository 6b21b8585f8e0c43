using System.Globalization;
using System.Net;
using Rtsp.Harness.Analysis.Robustness;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Scenarios.Steps;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>
/// Port exhaustion by one client, bounded: UDP SETUP after SETUP on one connection (no Session header, so each is a new
/// session holding two server ports) until the target refuses or the bound is reached; then a second client (from
/// 127.0.0.2 on loopback) tries one SETUP while the first still holds everything; then all are torn down.
/// Findings: <see cref="RobustnessChecks.SessionLimit"/> (where and how the target said no) and
/// <see cref="RobustnessChecks.OthersServed"/> (whether the flood locked others out), and
/// <see cref="RobustnessChecks.SessionIds"/> from the ids it was handed.
/// </summary>
public static class SessionFlood
{
    public static IReadOnlyList<CheckResult> Run(RobustnessContext context, SessionFloodStep step)
    {
        var session = context.Session(step.Session);
        var trackUrl = session.TrackUrls.Count > 0 ? session.TrackUrls[0] : context.Target.Url.ToString();
        var ids = new List<string>();
        using var flood = context.Open();
        using var receiver = UdpMediaReceiver.Open(flood.LocalEndPoint.Address, context.ClientPorts, context.Recorder, new MediaPacketLog());
        var cseq = 1;
        ReceivedResponse? refusal = null;
        string? silence = null;
        var started = HarnessClock.NowNs();
        try
        {
            for (var i = 0; i < step.Sessions; i++)
            {
                flood.Send(Setup(trackUrl, cseq++, receiver).ToBytes());
                var response = flood.WaitResponse(context.RequestTimeout);
                if (response is null)
                {
                    silence = $"SETUP #{i + 1} got no answer within {context.RequestTimeout.TotalSeconds:0.#} s{(flood.ClosedReason is { } why ? $" ({why})" : string.Empty)}";
                    break;
                }

                if (response.StatusCode is not (>= 200 and < 300) || !SessionHeader.TryParse(response.Message!.Headers.Get(SessionHeader.Name), out var header))
                {
                    refusal = response;
                    break;
                }

                ids.Add(header!.Id);
            }

            var took = WireText.Ms(HarnessClock.NowNs() - started);
            var others = OtherClient(context, trackUrl, ids.Count);
            return [Limit(context.Check(step.CheckId), step, ids.Count, refusal, silence, took), others, SessionIdStrength.Judge(ids)];
        }
        finally
        {
            TearDown(flood, context, trackUrl, ids, cseq);
        }
    }

    private static CheckResult Limit(CheckDefinition check, SessionFloodStep step, int accepted, ReceivedResponse? refusal, string? silence, string took)
    {
        var metrics = new Dictionary<string, double> { ["sessions_accepted"] = accepted, ["bound"] = step.Sessions };
        var head = $"{step.Describe()}: {accepted} UDP session(s) accepted on one connection in {took} ms";
        if (silence is not null)
        {
            return new CheckResult(check, Verdict.Fail, $"{head}; then {silence}", Metrics: metrics);
        }

        if (refusal is null)
        {
            return new CheckResult(check, Verdict.Fail, $"{head}: the whole bound of {step.Sessions} ({2 * step.Sessions} server ports) without a 453 or 503", Metrics: metrics);
        }

        var retryAfter = refusal.Message?.Headers.Get("Retry-After") is { } r ? $", Retry-After: {r}" : string.Empty;
        metrics["refusal_status"] = refusal.StatusCode ?? 0;
        return refusal.StatusCode is 453 or 503
            ? new CheckResult(check, Verdict.Pass, $"{head}; SETUP #{accepted + 1} answered \"{refusal.FirstLine}\"{retryAfter}", Metrics: metrics)
            : new CheckResult(check, Verdict.Fail, $"{head}; SETUP #{accepted + 1} answered \"{refusal.FirstLine}\" (expected 453 or 503)", Metrics: metrics);
    }

    /// <summary>Another client (a second address on loopback) sets up one session while the flood holds its sessions.</summary>
    private static CheckResult OtherClient(RobustnessContext context, string trackUrl, int held)
    {
        var check = RobustnessChecks.OthersServed;
        var from = context.TargetOnLoopback ? RobustnessContext.SecondLoopbackAddress : null;
        try
        {
            using var other = context.Open(from);
            using var receiver = UdpMediaReceiver.Open(other.LocalEndPoint.Address, context.ClientPorts, context.Recorder, new MediaPacketLog());
            other.Send(Setup(trackUrl, 1, receiver).ToBytes());
            var response = other.WaitResponse(context.RequestTimeout);
            var who = $"while one client held {held} session(s), another client ({other.LocalEndPoint.Address})";
            if (response?.StatusCode is >= 200 and < 300)
            {
                if (SessionHeader.TryParse(response.Message!.Headers.Get(SessionHeader.Name), out var header))
                {
                    TearDown(other, context, trackUrl, [header!.Id], 2);
                }

                return new CheckResult(check, Verdict.Pass, $"{who} set up a session: \"{response.FirstLine}\"");
            }

            return new CheckResult(check, Verdict.Fail,
                $"{who} was locked out: {(response is null ? $"no answer within {context.RequestTimeout.TotalSeconds:0.#} s" : $"\"{response.FirstLine}\"")}");
        }
        catch (TargetUnreachableException e)
        {
            return new CheckResult(check, Verdict.Fail, $"while one client held {held} session(s), another client could not even connect: {e.Message}");
        }
    }

    private static RtspRequest Setup(string trackUrl, int cseq, UdpMediaReceiver receiver)
    {
        var request = new RtspRequest("SETUP", trackUrl);
        request.Headers.Add("CSeq", cseq.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Transport", string.Create(CultureInfo.InvariantCulture, $"RTP/AVP;unicast;client_port={receiver.RtpPort}-{receiver.RtcpPort}"));
        request.Headers.Add("User-Agent", RequestFactory.UserAgent);
        return request;
    }

    /// <summary>Every session the flood made, torn down in one pipelined write (bounded by the request timeout).</summary>
    private static void TearDown(RtspConnection connection, RobustnessContext context, string url, IReadOnlyList<string> ids, int cseq)
    {
        if (ids.Count == 0 || connection.ClosedReason is not null)
        {
            return;
        }

        var requests = ids.Select(id =>
        {
            var request = new RtspRequest("TEARDOWN", url);
            request.Headers.Add("CSeq", (cseq++).ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("Session", id);
            return request.ToBytes();
        }).ToList();
        connection.Send(requests.SelectMany(r => r).ToArray());
        var deadline = DateTime.UtcNow + context.RequestTimeout;
        for (var i = 0; i < ids.Count && DateTime.UtcNow < deadline; i++)
        {
            if (connection.WaitResponse(deadline - DateTime.UtcNow) is null)
            {
                break;
            }
        }
    }
}
