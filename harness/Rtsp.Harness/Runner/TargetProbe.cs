using System.Text;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Runner;

/// <summary>
/// One DESCRIBE of the target before a run, to learn what its presentation is (<see cref="TargetPresentation"/>):
/// which scenarios apply is decided once, up front, and shown in the report, not discovered by failing.
/// </summary>
public static class TargetProbe
{
    public static TargetPresentation Describe(TargetInfo target, TimeSpan timeout)
    {
        var request = new RtspRequest("DESCRIBE", target.Url.ToString());
        request.Headers.Add("CSeq", "1");
        request.Headers.Add("Accept", "application/sdp");
        request.Headers.Add("User-Agent", RequestFactory.UserAgent);
        try
        {
            using var connection = RtspConnection.Open(target.Host, target.Port, timeout, new PacketRecorder(), _ => { });
            connection.Send(request.ToBytes());
            var response = connection.WaitResponse(timeout);
            return response switch
            {
                null => TargetPresentation.Unknown($"DESCRIBE got no answer within {timeout.TotalSeconds:0.#} s"),
                { Message: null } => TargetPresentation.Unknown($"the DESCRIBE answer does not parse ({response.ParseError})"),
                { StatusCode: not 200 } => TargetPresentation.Unknown($"DESCRIBE answered \"{response.FirstLine}\""),
                _ => TargetPresentation.FromSdp(Encoding.UTF8.GetString(response.Message.Body)),
            };
        }
        catch (Exception e) when (e is TargetUnreachableException or IOException or System.Net.Sockets.SocketException)
        {
            return TargetPresentation.Unknown($"DESCRIBE could not be sent: {e.Message}");
        }
    }
}
