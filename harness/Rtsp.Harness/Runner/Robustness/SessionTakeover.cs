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
        var attacker = context.Open(step.FromOtherAddress ? RobustnessContext.SecondLoopbackAddress : null);
        var from = attacker.LocalEndPoint;
        ReceivedResponse? response;
        long answeredAt;
        try
        {
            var request = new RtspRequest(step.Method, victim.AggregateUrl ?? context.Target.Url.ToString());
            request.Headers.Add("CSeq", "1");
            request.Headers.Add("Session", id);
            request.Headers.Add("User-Agent", RequestFactory.UserAgent);
            attacker.Send(request.ToBytes());
            response = attacker.WaitResponse(context.RequestTimeout);
            answeredAt = HarnessClock.NowNs();
            context.Sleep(step.Observe);
        }
        finally
        {
            attacker.Dispose();
        }

        // Then once more after the other connection closed: a server may tie the session to the last connection that
        // named it and end it with that connection.
        var closedAt = HarnessClock.NowNs();
        context.Sleep(step.Observe);
        var whileOpen = victim.Media.Between(answeredAt, answeredAt + observeNs).Count;
        var afterClose = victim.Media.Between(closedAt, closedAt + observeNs).Count;
        var window = $"{step.Observe.TotalMilliseconds:0} ms";
        var what = $"{step.Method} from {from} naming the Session {id} of the victim";
        var media = $"the victim's RTP: {before} packet(s) in the {window} before, {whileOpen} in the {window} after, {afterClose} in the {window} after the other connection closed";
        var metrics = new Dictionary<string, double>
        {
            ["status"] = response?.StatusCode ?? 0, ["victim_packets_before"] = before, ["victim_packets_after"] = whileOpen,
            ["victim_packets_after_close"] = afterClose,
        };
        if (response is null)
        {
            return new CheckResult(check, Verdict.Fail, $"{what}: no answer within {context.RequestTimeout.TotalSeconds:0.#} s; {media}", Metrics: metrics);
        }

        var effect = before == 0 ? null
            : whileOpen == 0 ? "it took effect: the victim's media stopped"
            : afterClose == 0 ? "the victim's media stopped once the other connection closed (the session went with it)"
            : null;
        if (response.StatusCode is >= 400 and < 500)
        {
            return effect is null
                ? new CheckResult(check, Verdict.Pass, $"{what}: refused with \"{response.FirstLine}\"; {media}", Metrics: metrics)
                : new CheckResult(check, Verdict.Fail, $"{what}: \"{response.FirstLine}\", yet {effect}; {media}", Metrics: metrics);
        }

        var verdictText = effect ?? (response.StatusCode is >= 200 and < 300 ? "accepted as the session's own request" : "not a refusal");
        return new CheckResult(check, Verdict.Fail, $"{what}: \"{response.FirstLine}\" — {verdictText}; {media}", Metrics: metrics);
    }
}
