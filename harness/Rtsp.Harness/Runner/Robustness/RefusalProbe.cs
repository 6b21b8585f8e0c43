using Rtsp.Harness.Analysis.Robustness;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>
/// Sends bad bytes on a connection of their own and judges what the target did within the bound: a refusal (a status
/// of <c>accept</c>, by default any 4xx) or a close passes; a 2xx, another status, an unparseable answer or silence
/// with the connection still open (a hang) is the finding.
/// </summary>
public static class RefusalProbe
{
    public static CheckResult Judge(RobustnessContext context, CheckDefinition check, string label, byte[] bytes, IReadOnlyList<StatusRange> accept, TimeSpan within)
    {
        using var connection = context.Open();
        context.Note($"[{label}] {WireText.Excerpt(bytes, 512)}");
        var sent = HarnessClock.NowNs();
        connection.Send(bytes, record: false);
        var response = connection.WaitResponse(within);
        var elapsed = WireText.Ms(HarnessClock.NowNs() - sent);
        var what = $"{label}: sent {WireText.Excerpt(bytes)}";
        var metrics = new Dictionary<string, double> { ["elapsed_ms"] = (HarnessClock.NowNs() - sent) / 1e6, ["bytes_sent"] = bytes.Length };
        if (response is null)
        {
            return connection.ClosedReason is { } closed
                ? new CheckResult(check, Verdict.Pass, $"{what}; no answer, the connection was closed after {elapsed} ms ({closed})", Metrics: metrics)
                : new CheckResult(check, Verdict.Fail, $"{what}; no answer and the connection still open after {elapsed} ms (a hang)", Metrics: metrics);
        }

        if (response.StatusCode is not { } status)
        {
            return new CheckResult(check, Verdict.Fail, $"{what}; an unparseable answer after {elapsed} ms ({response.ParseError}): {WireText.Excerpt(response.Raw)}", Metrics: metrics);
        }

        var refused = accept.Count == 0 ? status is >= 400 and < 500 : accept.Any(a => a.Contains(status));
        var verdict = refused ? Verdict.Pass : Verdict.Fail;
        var why = refused ? "refused" : status is >= 200 and < 300 ? "ACCEPTED" : "not a refusal";
        return new CheckResult(check, verdict, $"{what}; answered \"{response.FirstLine}\" after {elapsed} ms ({why})", Metrics: metrics);
    }

    /// <summary>robust.alive: a well-formed OPTIONS on a new connection still gets an answer.</summary>
    public static CheckResult Alive(RobustnessContext context, string after)
    {
        var check = RobustnessChecks.Alive;
        RtspConnection connection;
        try
        {
            connection = context.Open();
        }
        catch (TargetUnreachableException e)
        {
            return new CheckResult(check, Verdict.Fail, $"after {after}: a new connection was refused ({e.Message})");
        }

        using (connection)
        {
            var request = new Rtsp.Protocol.Rtsp.RtspRequest("OPTIONS", context.Target.Url.ToString());
            request.Headers.Add("CSeq", "1");
            request.Headers.Add("User-Agent", RequestFactory.UserAgent);
            connection.Send(request.ToBytes());
            var response = connection.WaitResponse(context.RequestTimeout);
            return response?.StatusCode is { } status
                ? new CheckResult(check, Verdict.Pass, $"after {after}: OPTIONS on a new connection answered \"{response.FirstLine}\"")
                : new CheckResult(check, Verdict.Fail,
                    $"after {after}: OPTIONS on a new connection got {(response is null ? $"no answer within {context.RequestTimeout.TotalSeconds:0.#} s ({connection.ClosedReason ?? "still open"})" : "an unparseable answer")}");
        }
    }
}
