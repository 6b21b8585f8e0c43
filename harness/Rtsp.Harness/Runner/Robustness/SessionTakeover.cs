using Rtsp.Harness.Checks;
using Rtsp.Harness.Scenarios.Steps;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>
/// Session takeover (RFC 2326 §16 "session hijacking"): a new connection — from 127.0.0.2 when the step says another
/// address and the target is on loopback — sends a request naming the victim session's id. The victim's media is counted
/// over the observation time before and after, so the evidence says whether the request took effect.
/// </summary>
public static class SessionTakeover
{
    public static CheckResult Run(RobustnessContext context, TakeoverStep step)
    {
        var check = context.Check(step.CheckId);
        var victim = context.Session(step.Victim);
        if (victim.SessionId is not { } id)
        {
            return new CheckResult(check, Verdict.NotApplicable, $"{step.Describe()}: session '{step.Victim}' has no session id yet (SETUP it first)");
        }

        if (step.FromOtherAddress && !context.TargetOnLoopback)
        {
            return new CheckResult(check, Verdict.NotApplicable,
                $"{step.Describe()}: the target {context.Target.Host} is not on loopback, so the harness has no second source address to send from");
        }

        var observeNs = (long)(step.Observe.TotalMilliseconds * 1e6);
        var sent = HarnessClock.NowNs();
        var before = victim.Media.Between(sent - observeNs, sent).Count;
        using var attacker = context.Open(step.FromOtherAddress ? RobustnessContext.SecondLoopbackAddress : null);
        var request = new RtspRequest(step.Method, victim.AggregateUrl ?? context.Target.Url.ToString());
        request.Headers.Add("CSeq", "1");
        request.Headers.Add("Session", id);
        request.Headers.Add("User-Agent", RequestFactory.UserAgent);
        attacker.Send(request.ToBytes());
        var response = attacker.WaitResponse(context.RequestTimeout);
        var answeredAt = HarnessClock.NowNs();
        context.Sleep(step.Observe);
        var after = victim.Media.Between(answeredAt, answeredAt + observeNs).Count;
        var last = victim.Media.LastBefore(answeredAt + observeNs);
        var victimConnection = victim.IsConnected ? $"{victim.Connection.LocalEndPoint}" : "(closed)";
        var what = $"{step.Method} from {attacker.LocalEndPoint} naming the Session {id} of {victimConnection}";
        // When the media stopped matters: just before the request means something earlier (e.g. closing a previous
        // connection that touched the session) ended it, not this request.
        var lastText = last is { } l ? $"; its last packet arrived {(l.ArrivalNs - sent) / 1e6:+0;-0} ms from the request" : string.Empty;
        var media = $"the victim's RTP: {before} packet(s) in the {step.Observe.TotalMilliseconds:0} ms before, {after} in the {step.Observe.TotalMilliseconds:0} ms after{lastText}";
        if (response is null)
        {
            return new CheckResult(check, Verdict.Fail, $"{what}: no answer within {context.RequestTimeout.TotalSeconds:0.#} s; {media}");
        }

        var stopped = step.Method is "PAUSE" or "TEARDOWN" && before > 0 && after == 0;
        var metrics = new Dictionary<string, double> { ["status"] = response.StatusCode ?? 0, ["victim_packets_before"] = before, ["victim_packets_after"] = after };
        if (response.StatusCode is >= 400 and < 500)
        {
            return stopped
                ? new CheckResult(check, Verdict.Fail, $"{what}: \"{response.FirstLine}\", yet the victim's media stopped; {media}", Metrics: metrics)
                : new CheckResult(check, Verdict.Pass, $"{what}: refused with \"{response.FirstLine}\"; {media}", Metrics: metrics);
        }

        var effect = stopped ? "it took effect: the victim's media stopped"
            : response.StatusCode is >= 200 and < 300 ? "accepted as the session's own request"
            : "not a refusal";
        return new CheckResult(check, Verdict.Fail, $"{what}: \"{response.FirstLine}\" — {effect}; {media}", Metrics: metrics);
    }
}
