using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Scenarios.Steps;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>
/// Reflection (RFC 2326 §12.39, CWE-406): a UDP SETUP asks the target to send media to a third party. On loopback the
/// third party is a listener of the harness on 127.0.0.2, so the evidence says how many datagrams really reached it after
/// a PLAY; elsewhere only the answer can be judged (a reply echoing the third party's destination is the finding).
/// </summary>
public static class ReflectionAttempt
{
    public static CheckResult Run(RobustnessContext context, ReflectionStep step)
    {
        var check = context.Check(step.CheckId);
        var session = context.Session(step.Session);
        var trackUrl = session.TrackUrls.Count > 0 ? session.TrackUrls[0] : context.Target.Url.ToString();
        var observable = context.TargetOnLoopback;
        using var listener = observable ? ThirdParty.Open(context.ClientPorts) : null;
        var destination = observable ? RobustnessContext.SecondLoopbackAddress.ToString() : step.Destination;
        var port = listener?.Port ?? 5000;
        var connection = session.Connection;
        var setup = new RtspRequest("SETUP", trackUrl);
        setup.Headers.Add("CSeq", (session.NextCSeq++).ToString(CultureInfo.InvariantCulture));
        setup.Headers.Add("Transport", string.Create(CultureInfo.InvariantCulture, $"RTP/AVP;unicast;destination={destination};client_port={port}-{port + 1}"));
        setup.Headers.Add("User-Agent", RequestFactory.UserAgent);
        connection.Send(setup.ToBytes());
        var response = connection.WaitResponse(context.RequestTimeout);
        var what = $"SETUP from {connection.LocalEndPoint.Address} with destination={destination};client_port={port}-{port + 1}";
        if (response is null)
        {
            return new CheckResult(check, Verdict.Fail, $"{what}: no answer within {context.RequestTimeout.TotalSeconds:0.#} s");
        }

        if (response.StatusCode is not (>= 200 and < 300))
        {
            return new CheckResult(check, Verdict.Pass, $"{what}: refused with \"{response.FirstLine}\"");
        }

        var transport = response.Message!.Headers.Get(TransportHeader.Name) ?? "(no Transport)";
        if (!SessionHeader.TryParse(response.Message.Headers.Get(SessionHeader.Name), out var header))
        {
            return new CheckResult(check, Verdict.Fail, $"{what}: accepted (\"{response.FirstLine}\", Transport: {transport}) without a usable Session header");
        }

        var play = new RtspRequest("PLAY", session.AggregateUrl ?? context.Target.Url.ToString());
        play.Headers.Add("CSeq", (session.NextCSeq++).ToString(CultureInfo.InvariantCulture));
        play.Headers.Add("Session", header!.Id);
        connection.Send(play.ToBytes());
        var played = connection.WaitResponse(context.RequestTimeout);
        context.Sleep(step.Observe);
        var received = listener?.Count ?? 0;

        var teardown = new RtspRequest("TEARDOWN", session.AggregateUrl ?? context.Target.Url.ToString());
        teardown.Headers.Add("CSeq", (session.NextCSeq++).ToString(CultureInfo.InvariantCulture));
        teardown.Headers.Add("Session", header.Id);
        connection.Send(teardown.ToBytes());
        connection.WaitResponse(context.RequestTimeout);

        var accepted = $"{what}: accepted (\"{response.FirstLine}\", Transport: {transport}); PLAY answered {(played is null ? "nothing" : $"\"{played.FirstLine}\"")}";
        var metrics = new Dictionary<string, double> { ["third_party_datagrams"] = received };
        if (observable)
        {
            return received > 0
                ? new CheckResult(check, Verdict.Fail, $"{accepted}; {received} datagram(s) reached the third party {destination}:{port} in {step.Observe.TotalMilliseconds:0} ms", Metrics: metrics)
                : new CheckResult(check, Verdict.Pass, $"{accepted}; but nothing reached the third party {destination}:{port} in {step.Observe.TotalMilliseconds:0} ms (destination ignored)", Metrics: metrics);
        }

        var echoed = TransportHeader.TryParse(transport, out var parsed) && parsed!.Specs.Any(s => s.Destination == destination);
        return echoed
            ? new CheckResult(check, Verdict.Fail, $"{accepted}; the reply confirms destination={destination} (not observable from here)")
            : new CheckResult(check, Verdict.Pass, $"{accepted}; the reply does not name {destination} as the destination");
    }

    /// <summary>The third party: an even/odd UDP port pair on 127.0.0.2 counting every datagram that arrives.</summary>
    private sealed class ThirdParty : IDisposable
    {
        private readonly Socket rtp;
        private readonly Socket rtcp;

        private ThirdParty(Socket rtp, Socket rtcp)
        {
            this.rtp = rtp;
            this.rtcp = rtcp;
        }

        public int Port => ((IPEndPoint)rtp.LocalEndPoint!).Port;

        /// <summary>Datagrams waiting in both sockets (read and counted now; the receive buffers hold a few seconds of media).</summary>
        public int Count => Drain(rtp) + Drain(rtcp);

        public static ThirdParty Open(ClientPortRange ports)
        {
            for (var port = ports.Low + (ports.Low & 1); port + 1 <= ports.High; port += 2)
            {
                var first = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
                var second = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
                try
                {
                    first.Bind(new IPEndPoint(RobustnessContext.SecondLoopbackAddress, port));
                    second.Bind(new IPEndPoint(RobustnessContext.SecondLoopbackAddress, port + 1));
                    return new ThirdParty(first, second);
                }
                catch (SocketException)
                {
                    first.Dispose();
                    second.Dispose();
                }
            }

            throw new InvalidOperationException($"no free UDP port pair on 127.0.0.2 in {ports.Low}-{ports.High}");
        }

        private static int Drain(Socket socket)
        {
            var buffer = new byte[65536];
            var count = 0;
            while (count < 1_000_000 && socket.Poll(0, SelectMode.SelectRead))
            {
                socket.Receive(buffer);
                count++;
            }

            return count;
        }

        public void Dispose()
        {
            rtp.Dispose();
            rtcp.Dispose();
        }
    }
}
