using System.Buffers.Binary;
using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis.Rtp;

/// <summary>The fixed RTP header of every packet the server sent (RFC 3550 §5.1), its payload type against the
/// SDP, and its SSRC against itself and the Transport header.</summary>
public sealed class RtpHeaderAnalyzer : IAnalyzer
{
    // RFC 3550 §5.1: "version (V): 2 bits. This field identifies the version of RTP. The version defined by this
    // specification is two (2)." (definition of the field)
    public static readonly CheckDefinition Version = new(
        "rtp.header.version", CheckLevel.Must, "RFC 3550 §5.1", "Every RTP packet has version 2");

    // RFC 3550 §5.1: "The last octet of the padding contains a count of how many padding octets should be ignored,
    // including itself."
    public static readonly CheckDefinition Padding = new(
        "rtp.header.padding", CheckLevel.Must, "RFC 3550 §5.1", "When P is set, the last octet counts the padding and it fits in the packet");

    // RFC 3550 §5.1 (CC: "the number of CSRC identifiers that follow the fixed header") and §5.3.1 (the extension's
    // length field): a header that claims more than the packet holds is not an RTP packet.
    public static readonly CheckDefinition Length = new(
        "rtp.header.length", CheckLevel.Must, "RFC 3550 §5.1, §5.3.1", "The CSRC list (CC entries) and any header extension fit in the packet");

    public static readonly CheckDefinition Extension = new(
        "rtp.header.extension", CheckLevel.Should, "RFC 3550 §5.3.1, RFC 8285 §5", "X is set only when a header extension was negotiated (a=extmap)");

    // RFC 8866 §5.14: the m= line's fmt list holds "the media formats" the session uses; RFC 3551 §6 fixes 26 = JPEG;
    // a type outside the offer cannot be decoded by the receiver (RFC 3550 §5.1: "A receiver MUST ignore packets with
    // payload types that it does not understand").
    public static readonly CheckDefinition PayloadType = new(
        "rtp.header.payload-type", CheckLevel.Must, "RFC 3551 §6, RFC 8866 §6.6",
        "The payload type is one the SDP offers: 26 (JPEG) or a dynamic type with a=rtpmap");

    // RFC 3550 §8.2 lets a source change its SSRC on a collision ("the source MUST ... choose a new identifier"), and no
    // sentence forbids a change otherwise: a change breaks receivers that key on it, hence SHOULD.
    public static readonly CheckDefinition SsrcConstant = new(
        "rtp.ssrc.constant", CheckLevel.Should, "RFC 3550 §5.1, §8", "The SSRC of a stream does not change during a session");

    // RFC 2326 §12.39: ssrc "indicates the RTP SSRC value that should be (request) or will be (response) used by the
    // media server for this stream" (definition: the response states the value).
    public static readonly CheckDefinition SsrcTransport = new(
        "rtp.ssrc.transport", CheckLevel.Must, "RFC 2326 §12.39", "The SSRC equals the ssrc= the server announced in its Transport header");

    public IReadOnlyList<CheckDefinition> Checks { get; } = [Version, Padding, Length, Extension, PayloadType, SsrcConstant, SsrcTransport];

    public IEnumerable<CheckResult> Analyze(AnalysisInput input)
    {
        var streams = MediaStreams.Of(input);
        var sdp = SdpInfo.Of(input);
        var version = new Violations(Version);
        var padding = new Violations(Padding);
        var length = new Violations(Length);
        var extension = new Violations(Extension);
        var payloadType = new Violations(PayloadType);
        var ssrcConstant = new Violations(SsrcConstant);
        var ssrcTransport = new Violations(SsrcTransport);
        long packets = 0;
        foreach (var stream in streams)
        {
            CheckRawHeaders(stream, version, padding, length);
            packets += stream.Rtp.Count;
            if (stream.Rtp.Count == 0)
            {
                continue;
            }

            var media = sdp.MediaFor(stream);
            bool extensionNegotiated = media?.GetAttribute("extmap") is not null || sdp.Description?.GetAttribute("extmap") is not null;
            var offered = media?.Formats.Select(f => int.TryParse(f, out int pt) ? pt : -1).ToHashSet();
            var maps = media?.RtpMaps;
            int reportedPayloadTypes = 0;
            var setups = input.Events.Where(e => e.Method == "SETUP" && e.Succeeded && stream.BelongsToSession(e)).Select(e => e.RequestTimestampNs).Order().ToList();
            uint? ssrc = null;
            int setupIndex = 0;
            foreach (var packet in stream.Rtp)
            {
                var rtp = packet.Rtp;
                if (rtp.Extension)
                {
                    if (extensionNegotiated)
                    {
                        extension.MarkJudged();
                    }
                    else
                    {
                        extension.Add($"{stream.Name}: X=1 at packet #{packet.Number} (profile 0x{rtp.ExtensionProfile:X4}) but the SDP negotiated no extension", packet.Number);
                    }
                }
                else
                {
                    extension.MarkJudged();
                }

                string? ptProblem = PayloadTypeProblem(rtp.PayloadType, offered, maps, sdp.Description is not null);
                if (ptProblem is null)
                {
                    payloadType.MarkJudged();
                }
                else if (reportedPayloadTypes++ < 1000)
                {
                    payloadType.Add($"{stream.Name}: packet #{packet.Number} has PT {rtp.PayloadType}: {ptProblem}", packet.Number);
                }

                // A new SETUP may legitimately start a new SSRC.
                while (setupIndex < setups.Count && setups[setupIndex] <= packet.TimestampNs)
                {
                    setupIndex++;
                    ssrc = null;
                }

                if (ssrc is null)
                {
                    ssrc = rtp.Ssrc;
                    if (stream.Transport?.Ssrc is { } announced)
                    {
                        if (announced == rtp.Ssrc)
                        {
                            ssrcTransport.MarkJudged();
                        }
                        else
                        {
                            ssrcTransport.Add($"{stream.Name}: Transport announced ssrc={announced:X8}, packet #{packet.Number} carries {rtp.Ssrc:X8}", packet.Number);
                        }
                    }
                }
                else if (rtp.Ssrc != ssrc)
                {
                    ssrcConstant.Add($"{stream.Name}: SSRC changed from {ssrc:X8} to {rtp.Ssrc:X8} at packet #{packet.Number}", packet.Number);
                    ssrc = rtp.Ssrc;
                }
                else
                {
                    ssrcConstant.MarkJudged();
                }
            }
        }

        string count = $"{packets} RTP packets from the server checked";
        yield return version.Result($"{count}: all version 2.", "no RTP from the server");
        yield return padding.Result($"{count}: padding valid where present.", "no RTP from the server");
        yield return length.Result($"{count}: headers fit.", "no RTP from the server");
        yield return extension.Result($"{count}: no unnegotiated header extension.", "no RTP from the server");
        yield return payloadType.Result($"{count}: payload types match the SDP.", "no RTP from the server");
        yield return ssrcConstant.Result($"{count}: one SSRC per stream.", "fewer than two RTP packets in a stream");
        yield return ssrcTransport.Result("the SSRC is the one announced in Transport.", "the server announced no ssrc= in Transport");
    }

    // Judged on the raw bytes: a parser that rejects a packet must not hide which rule it broke.
    private static void CheckRawHeaders(MediaStream stream, Violations version, Violations padding, Violations length)
    {
        foreach (var packet in stream.Rtp.Select(r => r.Packet).Concat(stream.Unparsed.Select(u => u.Packet)))
        {
            var data = packet.Data.Span;
            if (data.Length < 12)
            {
                length.Add($"{stream.Name}: packet #{packet.Number} is {data.Length} bytes, shorter than the 12-byte fixed header", packet.Number);
                continue;
            }

            int v = data[0] >> 6;
            if (v != 2)
            {
                version.Add($"{stream.Name}: packet #{packet.Number} has version {v}", packet.Number);
            }
            else
            {
                version.MarkJudged();
            }

            int header = 12 + 4 * (data[0] & 0x0F);
            if ((data[0] & 0x10) != 0 && data.Length >= header + 4)
            {
                header += 4 + 4 * BinaryPrimitives.ReadUInt16BigEndian(data[(header + 2)..]);
            }
            else if ((data[0] & 0x10) != 0)
            {
                header += 4;
            }

            if (header > data.Length)
            {
                length.Add($"{stream.Name}: packet #{packet.Number} declares a {header}-byte header (CC={data[0] & 0x0F}) in {data.Length} bytes", packet.Number);
                continue;
            }

            length.MarkJudged();
            if ((data[0] & 0x20) != 0)
            {
                int count = data[^1];
                if (count == 0 || count > data.Length - header)
                {
                    padding.Add($"{stream.Name}: packet #{packet.Number} has P=1 with padding count {count} and {data.Length - header} bytes after the header", packet.Number);
                    continue;
                }
            }

            padding.MarkJudged();
        }
    }

    private static string? PayloadTypeProblem(int payloadType, HashSet<int>? offered, IReadOnlyDictionary<int, Protocol.Sdp.SdpRtpMap>? maps, bool haveSdp)
    {
        if (payloadType is >= 72 and <= 76)
        {
            return "72-76 collide with RTCP packet types (RFC 3550 §12.1)";
        }

        if (!haveSdp)
        {
            return payloadType == 26 || payloadType >= 96 ? null : "without an SDP only 26 (JPEG) or a dynamic type is plausible for this harness";
        }

        if (offered is null)
        {
            return null; // no media section could be matched to this stream; nothing to compare against
        }

        if (!offered.Contains(payloadType))
        {
            return $"the SDP offers only {string.Join(", ", offered.Order())}";
        }

        if (payloadType >= 96 && (maps is null || !maps.ContainsKey(payloadType)))
        {
            return "a dynamic type without a=rtpmap";
        }

        return null;
    }
}
