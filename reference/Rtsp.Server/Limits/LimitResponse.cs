using System.Globalization;
using System.Text;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Limits;

/// <summary>The answer when a limit is reached: the status, Retry-After when waiting helps, and a plain-text body
/// naming the limit (a person reading a capture should not have to guess).</summary>
public static class LimitResponse
{
    public static RtspResponse Create(int status, string reason, string? cseq = null, TimeSpan? retryAfter = null)
    {
        var response = new RtspResponse(status) { Body = Encoding.UTF8.GetBytes(reason + "\r\n") };
        if (cseq is not null)
            response.Headers.Add("CSeq", cseq);
        response.Headers.Add("Server", "rtsp-ref");
        // RFC 2326 12.31: Retry-After with 503, in whole seconds.
        if (retryAfter is { } wait)
            response.Headers.Add("Retry-After", Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        response.Headers.Add("Content-Type", "text/plain");
        return response;
    }
}
