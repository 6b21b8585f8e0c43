using System.Text;
using Rtsp.Harness.Packets;
using Rtsp.Protocol;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Analysis.Rtsp;

/// <summary>
/// One request and the response paired with it, from captured packets. Both keep their exact bytes; the parsed forms
/// are null when the bytes do not parse (that is itself evidence).
/// </summary>
public sealed record RtspExchange(StreamPacket RequestPacket, RtspRequest? Request, StreamPacket? ResponsePacket, RtspResponse? Response)
{
    public string Method => Request?.Method ?? FirstToken(RequestPacket);

    public string RequestLine => FirstLine(RequestPacket);

    public string? ResponseLine => ResponsePacket is null ? null : FirstLine(ResponsePacket);

    public bool Succeeded => Response is { StatusCode: >= 200 and < 300 };

    /// <summary>The raw value of a request header, read from the bytes so even an unparseable request shows it.</summary>
    public string? RawRequestHeader(string name) => RawHeader(RequestPacket, name);

    public string? RawResponseHeader(string name) => ResponsePacket is null ? null : RawHeader(ResponsePacket, name);

    public string Describe() => $"#{RequestPacket.Number} {RequestLine}" + (ResponsePacket is { } r ? $" → #{r.Number} {ResponseLine}" : " → (no response)");

    /// <summary>Pairs requests with responses per TCP connection: by CSeq when it matches, else in order (RTSP answers in order).</summary>
    public static IReadOnlyList<RtspExchange> Pair(IEnumerable<StreamPacket> packets)
    {
        var exchanges = new List<RtspExchange>();
        var pending = new Dictionary<string, List<int>>();
        foreach (var packet in packets.OrderBy(p => p.Number))
        {
            if (packet.Kind == PacketKind.RtspRequest && packet.Direction == PacketDirection.ToServer)
            {
                var key = $"{packet.SourceAddress}:{packet.SourcePort}";
                exchanges.Add(new RtspExchange(packet, ParseRequest(packet), null, null));
                (pending.TryGetValue(key, out var list) ? list : pending[key] = []).Add(exchanges.Count - 1);
            }
            else if (packet.Kind == PacketKind.RtspResponse && packet.Direction == PacketDirection.FromServer)
            {
                var key = $"{packet.DestinationAddress}:{packet.DestinationPort}";
                if (!pending.TryGetValue(key, out var waiting) || waiting.Count == 0)
                {
                    continue;
                }

                var cseq = RawHeader(packet, "CSeq");
                var index = waiting.FindIndex(i => cseq is not null && exchanges[i].RawRequestHeader("CSeq") == cseq);
                var chosen = waiting[index < 0 ? 0 : index];
                waiting.Remove(chosen);
                exchanges[chosen] = exchanges[chosen] with { ResponsePacket = packet, Response = ParseResponse(packet) };
            }
        }

        return exchanges;
    }

    private static RtspRequest? ParseRequest(StreamPacket packet) => Parse(packet) as RtspRequest;

    private static RtspResponse? ParseResponse(StreamPacket packet) => Parse(packet) as RtspResponse;

    private static RtspMessage? Parse(StreamPacket packet)
    {
        try
        {
            var parser = new RtspMessageParser();
            parser.Feed(packet.Data.Span);
            return parser.TryReadMessage(out var message) ? message : null;
        }
        catch (ProtocolFormatException)
        {
            return null;
        }
    }

    private static string Text(StreamPacket packet) => Encoding.UTF8.GetString(packet.Data.Span);

    private static string FirstLine(StreamPacket packet) => Text(packet).Split('\n')[0].TrimEnd('\r');

    private static string FirstToken(StreamPacket packet) => FirstLine(packet).Split(' ')[0];

    private static string? RawHeader(StreamPacket packet, string name)
    {
        foreach (var line in Text(packet).Split('\n').Skip(1))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0)
            {
                break;
            }

            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && trimmed[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return trimmed[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
