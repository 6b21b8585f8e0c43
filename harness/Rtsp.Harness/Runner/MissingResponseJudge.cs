using Rtsp.Harness.Analysis.Rtsp;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Runner;

/// <summary>
/// rtsp.response for a request that got no answer. A server that answered an error (400 to a request it could not
/// parse, 505...) and then closed the connection gave its answer: RFC 2326 §12.10 lets either side close the transport
/// connection, and after bytes it could not frame a server cannot know where the next request starts. The requests
/// behind the error are then not applicable, not a MUST failure.
/// </summary>
public static class MissingResponseJudge
{
    /// <param name="previous">The last response on the same connection before this request, if any.</param>
    public static CheckResult Judge(string where, RtspConnection connection, ReceivedResponse? previous, TimeSpan waited)
    {
        if (previous?.StatusCode is >= 400 and var status && connection.ClosedReason is { } closed)
        {
            return new CheckResult(RtspChecks.ResponseTimely, Verdict.NotApplicable,
                $"{where}: no response — {closed.TrimEnd('.')} after answering {status} (\"{previous.FirstLine}\"); closing after an error is allowed (RFC 2326 §12.10)");
        }

        return new CheckResult(RtspChecks.ResponseTimely, Verdict.Fail, $"{where}: {connection.DescribeMissingResponse(waited)}");
    }
}
