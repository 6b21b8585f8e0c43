using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Runner;

/// <summary>
/// The preflight before a run: OPTIONS then DESCRIBE of the target on one connection, answering a 401 with the run's
/// credentials. A target that cannot be judged — no connection, no RTSP answer, a DESCRIBE refused (404, 401, any
/// non-2xx) — is a usage error naming what was answered and what to try (<see cref="TargetUnreachableException"/>,
/// exit 2), never a page of MUST failures blamed on the server. A described target yields its
/// <see cref="TargetPresentation"/>: which scenarios apply and what to expect is decided once, up front, from it.
/// </summary>
public static class TargetProbe
{
    public static TargetPresentation Preflight(TargetInfo target, TimeSpan timeout)
    {
        RtspConnection connection;
        try
        {
            connection = RtspConnection.Open(target.Host, target.Port, timeout, new PacketRecorder(), _ => { });
        }
        catch (TargetUnreachableException e)
        {
            throw new TargetUnreachableException($"{e.Message}: is the server running, and are the host and port right (RTSP's default port is 554)?", e);
        }

        using (connection)
        {
            var exchange = new ProbeExchange(connection, target, timeout);
            var url = target.Url.ToString();
            var options = exchange.Send("OPTIONS");
            if (options?.Message is null)
            {
                throw new TargetUnreachableException(
                    $"OPTIONS {url} {NoRtspAnswer(connection, options, timeout)}: is {target.Host}:{target.Port} an RTSP server (not HTTP, not a camera's web port)?");
            }

            var describe = exchange.Send("DESCRIBE");
            if (describe?.Message is null)
            {
                throw new TargetUnreachableException($"DESCRIBE {url} {NoRtspAnswer(connection, describe, timeout)}; its OPTIONS was answered \"{options.FirstLine}\"");
            }

            var status = describe.StatusCode!.Value;
            if (status is >= 200 and < 300)
            {
                return TargetPresentation.FromSdp(Encoding.UTF8.GetString(describe.Message.Body)) with { AsksForCredentials = exchange.Challenged };
            }

            throw new TargetUnreachableException(Refusal(target, url, describe, options));
        }
    }

    private static string NoRtspAnswer(RtspConnection connection, ReceivedResponse? response, TimeSpan timeout) => response is null
        ? $"got no RTSP answer ({connection.DescribeMissingResponse(timeout)})"
        : $"was answered with something that is not RTSP ({response.ParseError}; it begins \"{Printable(response.FirstLine)}\")";

    private static string Refusal(TargetInfo target, string url, ReceivedResponse describe, ReceivedResponse options)
    {
        var answered = $"DESCRIBE {url} answered \"{describe.FirstLine}\"";
        return describe.StatusCode switch
        {
            404 => $"{answered}: is the path right? The server's OPTIONS worked, so the host and port are.",
            401 when target.Credentials is null =>
                $"{answered} ({Challenges.Describe(describe)}): the target wants credentials: pass --user and --password (or rtsp://user:password@host/path).",
            401 => $"{answered} ({Challenges.Describe(describe)}) to the credentials of user '{target.Credentials!.User}': check --user and --password.",
            _ => $"{answered} (its OPTIONS answered \"{options.FirstLine}\"): the harness needs a presentation it can DESCRIBE; check the path, or the server's log.",
        };
    }

    private static string Printable(string text)
    {
        var shown = new string(text.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > 80 ? shown + "…" : shown;
    }

    /// <summary>The preflight's requests: CSeq counting, and a 401 answered once with the run's credentials.</summary>
    private sealed class ProbeExchange(RtspConnection connection, TargetInfo target, TimeSpan timeout)
    {
        private int cseq = 1;
        private Protocol.Headers.WwwAuthenticateHeader? challenge;

        /// <summary>True when the target asked for credentials (a 401 with a challenge) on either request.</summary>
        public bool Challenged { get; private set; }

        public ReceivedResponse? Send(string method)
        {
            var response = SendOnce(method);
            if (response?.StatusCode == 401 && Challenges.Pick(response) is { } offered)
            {
                Challenged = true;
                if (target.Credentials is not null)
                {
                    challenge = offered;
                    response = SendOnce(method);
                }
            }

            return response;
        }

        private ReceivedResponse? SendOnce(string method)
        {
            var url = target.Url.ToString();
            var request = new RtspRequest(method, url);
            request.Headers.Add("CSeq", (cseq++).ToString(CultureInfo.InvariantCulture));
            if (method == "DESCRIBE")
            {
                request.Headers.Add("Accept", "application/sdp");
            }

            request.Headers.Add("User-Agent", RequestFactory.UserAgent);
            if (challenge is not null && target.Credentials is { } credentials)
            {
                request.Headers.Add(Protocol.Headers.AuthorizationHeader.Name, Challenges.Authorize(challenge, credentials, method, url));
            }

            try
            {
                connection.Send(request.ToBytes());
                return connection.WaitResponse(timeout);
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                return null;
            }
        }
    }
}
