using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Packets;
using Rtsp.Protocol.Headers;

namespace Rtsp.Harness.Analysis.Rtsp;

/// <summary>
/// The RTSP exchange checks that need nothing but the requests and responses (and the `$` frames on the same
/// connection): status lines, CSeq echo, Public, DESCRIBE headers, SETUP Transport and Session, PLAY Range and RTP-Info,
/// seeking, interleaved channels. Works the same on a live run and on a pcap.
/// </summary>
public sealed partial class RtspExchangeAnalyzer : IAnalyzer
{
    /// <summary>Methods a server that answered them 2xx must also list in Public (RFC 2326 §10.1).</summary>
    private static readonly string[] StandardMethods =
        ["OPTIONS", "DESCRIBE", "ANNOUNCE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER", "SET_PARAMETER", "RECORD", "REDIRECT"];

    public IReadOnlyList<CheckDefinition> Checks { get; } =
    [
        RtspChecks.StatusLine, RtspChecks.CSeqEcho, RtspChecks.OptionsPublic, RtspChecks.DescribeContentType,
        RtspChecks.DescribeContentLength, RtspChecks.DescribeContentBase, RtspChecks.SetupSession, RtspChecks.SessionStable,
        RtspChecks.SetupTransport, RtspChecks.SetupServerPort, RtspChecks.SetupServerPortParity, RtspChecks.SetupInterleaved,
        RtspChecks.PlayRange, RtspChecks.PlayRtpInfo, RtspChecks.PlaySeek, RtspChecks.InterleavedChannels, RtspChecks.InterleavedFraming,
    ];

    public IEnumerable<CheckResult> Analyze(AnalysisInput input)
    {
        var exchanges = RtspExchange.Pair(input.Packets);
        var answered = exchanges.Where(e => e.ResponsePacket is not null).ToList();
        var frameRate = input.NominalFrameRate ?? 25;
        yield return StatusLines(answered);
        yield return CSeqEcho(answered);
        yield return Public(answered);
        foreach (var result in Describe(answered))
        {
            yield return result;
        }

        foreach (var result in Setup(answered))
        {
            yield return result;
        }

        yield return SessionStable(answered);
        foreach (var result in Play(answered, frameRate))
        {
            yield return result;
        }

        foreach (var result in Interleaved(input.Packets, answered))
        {
            yield return result;
        }
    }

    private static CheckResult StatusLines(List<RtspExchange> answered)
    {
        var tally = new CheckTally(RtspChecks.StatusLine);
        foreach (var e in answered)
        {
            var line = e.ResponseLine!;
            tally.Judge(StatusLinePattern().IsMatch(line), $"#{e.ResponsePacket!.Number} \"{line}\"", e.ResponsePacket.Number);
        }

        return tally.Result("no responses");
    }

    private static CheckResult CSeqEcho(List<RtspExchange> answered)
    {
        var tally = new CheckTally(RtspChecks.CSeqEcho);
        foreach (var e in answered)
        {
            // Only a well-formed RTSP/1.0 request binds the server to §12.17: after a garbled request line or another
            // version (answered 400 / 505) it cannot know that a "CSeq" line is one. A CSeq that is not 1*DIGIT ("abc",
            // "-1": robustness-malformed-headers) is itself the malformation; a 400 need not repeat it.
            if (e.Request is null || e.RawRequestHeader("CSeq") is not { } sent || !CSeqHeader.TryParse(sent, out _))
            {
                continue;
            }

            var echoed = e.RawResponseHeader("CSeq");
            tally.Judge(echoed == sent, $"{e.Method} CSeq {sent} → #{e.ResponsePacket!.Number} {(echoed is null ? "no CSeq" : $"CSeq {echoed}")}", e.ResponsePacket.Number);
        }

        return tally.Result("no request carried a CSeq");
    }

    private static CheckResult Public(List<RtspExchange> answered)
    {
        var tally = new CheckTally(RtspChecks.OptionsPublic);
        var accepted = answered.Where(e => e.Succeeded && StandardMethods.Contains(e.Method)).Select(e => e.Method).Distinct().ToList();
        foreach (var e in answered.Where(e => e.Method == "OPTIONS" && e.Succeeded))
        {
            var value = e.Response!.Headers.Get(PublicHeader.Name);
            if (!PublicHeader.TryParse(value, out var pub))
            {
                tally.Fail($"#{e.ResponsePacket!.Number} OPTIONS answered {(value is null ? "no Public header" : $"an unparseable \"Public: {value}\"")}", e.ResponsePacket.Number);
                continue;
            }

            var missing = accepted.Where(m => !pub!.Methods.Contains(m, StringComparer.OrdinalIgnoreCase)).ToList();
            tally.Judge(missing.Count == 0,
                missing.Count == 0 ? $"#{e.ResponsePacket!.Number} \"Public: {value}\"" : $"#{e.ResponsePacket!.Number} \"Public: {value}\" lacks {string.Join(", ", missing)}, which the server accepted in this run",
                e.ResponsePacket.Number);
        }

        return tally.Result("no successful OPTIONS");
    }

    private static IEnumerable<CheckResult> Describe(List<RtspExchange> answered)
    {
        var type = new CheckTally(RtspChecks.DescribeContentType);
        var length = new CheckTally(RtspChecks.DescribeContentLength);
        var contentBase = new CheckTally(RtspChecks.DescribeContentBase);
        foreach (var e in answered.Where(e => e.Method == "DESCRIBE" && e.Succeeded))
        {
            var n = e.ResponsePacket!.Number;
            var headers = e.Response!.Headers;
            var contentType = headers.Get("Content-Type");
            type.Judge(contentType?.Split(';')[0].Trim().Equals("application/sdp", StringComparison.OrdinalIgnoreCase) == true,
                $"#{n} Content-Type: {contentType ?? "(absent)"}", n);

            var declared = e.RawResponseHeader("Content-Length");
            var body = e.Response.Body;
            var complete = body.Length > 0 && body[^1] == (byte)'\n';
            var lengthOk = declared is not null && int.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d == body.Length && complete;
            length.Judge(lengthOk,
                $"#{n} Content-Length: {declared ?? "(absent)"}, body {body.Length} bytes{(complete ? string.Empty : " ending mid-line (the declared length cuts the SDP)")}", n);

            var baseUrl = headers.Get("Content-Base") ?? headers.Get("Content-Location");
            contentBase.Judge(baseUrl is not null, baseUrl is null ? $"#{n} has neither Content-Base nor Content-Location" : $"#{n} Content-Base: {baseUrl}", n);
        }

        const string none = "no successful DESCRIBE";
        return [type.Result(none), length.Result(none), contentBase.Result(none)];
    }

    private static IEnumerable<CheckResult> Setup(List<RtspExchange> answered)
    {
        var session = new CheckTally(RtspChecks.SetupSession);
        var transport = new CheckTally(RtspChecks.SetupTransport);
        var serverPort = new CheckTally(RtspChecks.SetupServerPort);
        var parity = new CheckTally(RtspChecks.SetupServerPortParity);
        var interleaved = new CheckTally(RtspChecks.SetupInterleaved);
        foreach (var e in answered.Where(e => e.Method == "SETUP" && e.Succeeded))
        {
            var n = e.ResponsePacket!.Number;
            var sessionValue = e.Response!.Headers.Get(SessionHeader.Name);
            session.Judge(SessionHeader.TryParse(sessionValue, out _), $"#{n} Session: {sessionValue ?? "(absent)"}", n);

            var asked = TransportHeader.TryParse(e.RawRequestHeader(TransportHeader.Name), out var request) ? request!.Specs.FirstOrDefault() : null;
            var replyValue = e.Response.Headers.Get(TransportHeader.Name);
            if (!TransportHeader.TryParse(replyValue, out var reply) || reply!.Specs.Count == 0)
            {
                transport.Fail($"#{n} Transport: {replyValue ?? "(absent)"} does not parse", n);
                continue;
            }

            var spec = reply.Specs[0];
            var problems = new List<string>();
            if (asked is not null && asked.LowerTransport != spec.LowerTransport)
            {
                problems.Add($"asked for {asked.LowerTransport}, got {spec.LowerTransport}");
            }

            if (asked?.ClientPort is { } clientPort && spec.LowerTransport == LowerTransport.Udp && spec.ClientPort != clientPort)
            {
                problems.Add($"client_port {spec.ClientPort?.ToString() ?? "(absent)"} instead of {clientPort}");
            }

            transport.Judge(problems.Count == 0, $"#{n} Transport: {replyValue}{(problems.Count == 0 ? string.Empty : $" ({string.Join("; ", problems)})")}", n);
            if (spec.LowerTransport == LowerTransport.Udp)
            {
                serverPort.Judge(spec.ServerPort is not null, $"#{n} Transport: {replyValue}", n);
                if (spec.ServerPort is { } ports)
                {
                    var even = ports.Low % 2 == 0 && (ports.High is null || ports.High == ports.Low + 1);
                    parity.Judge(even, $"#{n} server_port={ports}", n);
                }
            }
            else
            {
                var requested = asked?.Interleaved;
                var ok = spec.Interleaved is not null && (requested is null || spec.Interleaved == requested);
                interleaved.Judge(ok, $"#{n} asked {(requested is null ? "no channels" : $"interleaved={requested}")}, got \"Transport: {replyValue}\"", n);
            }
        }

        const string none = "no successful SETUP";
        return
        [
            session.Result(none), transport.Result(none), serverPort.Result("no successful UDP SETUP"),
            parity.Result("no server_port to judge"), interleaved.Result("no successful TCP SETUP"),
        ];
    }

    /// <summary>Every request that named a session must get the same id back when the response names one (RFC 2326 §12.37).</summary>
    private static CheckResult SessionStable(List<RtspExchange> answered)
    {
        var tally = new CheckTally(RtspChecks.SessionStable);
        foreach (var e in answered)
        {
            if (!SessionHeader.TryParse(e.RawRequestHeader(SessionHeader.Name), out var sent) ||
                e.RawResponseHeader(SessionHeader.Name) is not { } replyValue || e.Response is not { StatusCode: < 300 })
            {
                continue;
            }

            var n = e.ResponsePacket!.Number;
            var same = SessionHeader.TryParse(replyValue, out var reply) && reply!.Id == sent!.Id;
            tally.Judge(same, $"#{n} {e.Method} with Session {sent!.Id} answered \"Session: {replyValue}\"", n);
        }

        return tally.Result("no response named a session the request carried");
    }

    private static IEnumerable<CheckResult> Play(List<RtspExchange> answered, double frameRate)
    {
        var range = new CheckTally(RtspChecks.PlayRange);
        var rtpInfo = new CheckTally(RtspChecks.PlayRtpInfo);
        var seek = new CheckTally(RtspChecks.PlaySeek);
        var tolerance = Math.Max(1.0 / frameRate, 0.05) + 1e-6;
        foreach (var e in answered.Where(e => e.Method == "PLAY" && e.Succeeded))
        {
            var n = e.ResponsePacket!.Number;
            var rangeValue = e.Response!.Headers.Get(RangeHeader.Name);
            var parsedRange = RangeHeader.TryParse(rangeValue, out var played) ? played : null;
            range.Judge(parsedRange is not null, $"#{n} Range: {rangeValue ?? "(absent)"}", n);

            var infoValue = e.Response.Headers.Get(RtpInfoHeader.Name);
            var infoOk = RtpInfoHeader.TryParse(infoValue, out var info) && info!.Entries.Count > 0 &&
                info.Entries.All(x => x.Seq is not null && x.RtpTime is not null && x.Url.Length > 0);
            rtpInfo.Judge(infoOk, $"#{n} RTP-Info: {infoValue ?? "(absent)"}{(infoOk || infoValue is null ? string.Empty : " (each stream needs url, seq and rtptime)")}", n);

            if (RangeHeader.TryParse(e.RawRequestHeader(RangeHeader.Name), out var asked) &&
                asked!.Unit == RangeUnit.Npt && asked.Start is { IsNow: false, Seconds: > 0 } wanted && parsedRange?.Start is { IsNow: false } got)
            {
                // A start at or past the end the reply names (npt=20- on a 10 s clip, answered npt=9.96-10) cannot be
                // reached: whether it is refused with 457 is rtsp.status.457's question (a SHOULD), not this check's.
                if (parsedRange.End is { IsNow: false } end && wanted.Seconds >= end.Seconds - tolerance)
                {
                    continue;
                }

                var off = Math.Abs(got.Seconds - wanted.Seconds);
                seek.Judge(off <= tolerance,
                    string.Create(CultureInfo.InvariantCulture, $"#{n} asked Range: npt={wanted.Seconds}-, answered \"Range: {rangeValue}\" (off by {off:0.###} s, allowed {tolerance:0.###})"), n);
            }
        }

        const string none = "no successful PLAY";
        return [range.Result(none), rtpInfo.Result(none), seek.Result("no seek (PLAY with Range npt=X-, X > 0) answered with a Range")];
    }

    private static IEnumerable<CheckResult> Interleaved(IReadOnlyList<StreamPacket> packets, List<RtspExchange> answered)
    {
        // Negotiated channel pairs per client connection, from the SETUP replies (or requests, when a reply omits them).
        var negotiated = new Dictionary<string, List<(int Rtp, int Rtcp)>>();
        foreach (var e in answered.Where(e => e.Method == "SETUP" && e.Succeeded))
        {
            var spec = TransportHeader.TryParse(e.Response!.Headers.Get(TransportHeader.Name), out var reply) ? reply!.Specs.FirstOrDefault() : null;
            var channels = spec?.Interleaved ?? (TransportHeader.TryParse(e.RawRequestHeader(TransportHeader.Name), out var req) ? req!.Specs.FirstOrDefault()?.Interleaved : null);
            if (spec?.LowerTransport == LowerTransport.Tcp && channels is { } c)
            {
                var key = $"{e.RequestPacket.SourceAddress}:{e.RequestPacket.SourcePort}";
                (negotiated.TryGetValue(key, out var list) ? list : negotiated[key] = []).Add((c.Low, c.High ?? c.Low + 1));
            }
        }

        var channelTally = new CheckTally(RtspChecks.InterleavedChannels);
        var framing = new CheckTally(RtspChecks.InterleavedFraming);
        var framesSeen = 0;
        foreach (var p in packets.Where(p => p.OverTcp && p.Direction == PacketDirection.FromServer))
        {
            if (p.Kind == PacketKind.Unknown)
            {
                framing.Fail($"#{p.Number}: {p.Data.Length} bytes that are neither a $ frame nor an RTSP message, starting \"{Printable(p.Data.Span)}\"", p.Number);
                continue;
            }

            if (p.Channel is not { } channel)
            {
                continue;
            }

            framesSeen++;
            var pairs = negotiated.GetValueOrDefault($"{p.DestinationAddress}:{p.DestinationPort}") ?? [];
            var pair = pairs.FirstOrDefault(x => x.Rtp == channel || x.Rtcp == channel);
            if (pairs.Count == 0 || (pair.Rtp != channel && pair.Rtcp != channel))
            {
                channelTally.Fail($"#{p.Number}: a $ frame on channel {channel}, negotiated {(pairs.Count == 0 ? "none" : string.Join(", ", pairs.Select(x => $"{x.Rtp}-{x.Rtcp}")))}", p.Number);
                continue;
            }

            // RTCP SR/RR/SDES/BYE/APP (200-204, RFC 3550 §12.1) belongs on the second channel of the pair.
            var looksRtcp = p.Data.Length >= 2 && p.Data.Span[1] is >= 200 and <= 204;
            if (looksRtcp != (channel == pair.Rtcp))
            {
                channelTally.Fail($"#{p.Number}: {(looksRtcp ? "RTCP" : "RTP")} on channel {channel} of pair {pair.Rtp}-{pair.Rtcp}", p.Number);
            }
        }

        if (framesSeen > 0)
        {
            channelTally.Pass($"{framesSeen} $ frames on negotiated channels", 0);
            framing.Pass($"{framesSeen} $ frames and every RTSP message split cleanly", 0);
        }

        return [channelTally.Result("no interleaved frames"), framing.Result("no interleaved frames")];
    }

    private static string Printable(ReadOnlySpan<byte> data)
    {
        var text = Encoding.Latin1.GetString(data[..Math.Min(24, data.Length)]);
        return new string(text.Select(c => c is >= ' ' and <= '~' ? c : '.').ToArray());
    }

    [GeneratedRegex(@"^RTSP/1\.0 [1-5][0-9]{2} [^\r\n]+$")]
    private static partial Regex StatusLinePattern();
}
