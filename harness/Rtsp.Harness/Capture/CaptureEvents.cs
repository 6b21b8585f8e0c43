using Rtsp.Harness.Analysis;
using Rtsp.Harness.Packets;
using Rtsp.Protocol;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Capture;

/// <summary>
/// Rebuilds the <see cref="ScenarioEvent"/>s of a run from the RTSP messages in a capture (requests paired with
/// their responses by connection and CSeq), so offline analysis can judge PAUSE silence and RTP-Info like a live run.
/// </summary>
public static class CaptureEvents
{
    public static IReadOnlyList<ScenarioEvent> FromPackets(IEnumerable<StreamPacket> packets)
    {
        var pending = new Dictionary<string, List<PendingRequest>>();
        var events = new List<ScenarioEvent>();
        foreach (var packet in packets)
        {
            if (packet.Kind is not (PacketKind.RtspRequest or PacketKind.RtspResponse) || TryParse(packet.Data) is not { } message)
            {
                continue;
            }

            if (message is RtspRequest request)
            {
                string key = Key(packet.SourceAddress, packet.SourcePort, packet.DestinationAddress, packet.DestinationPort, packet.OverTcp);
                if (!pending.TryGetValue(key, out var list))
                {
                    pending[key] = list = [];
                }

                string? client = packet.OverTcp ? $"{packet.SourceAddress}:{packet.SourcePort}" : null;
                list.Add(new PendingRequest(request, packet.TimestampNs, events.Count, client));
                events.Add(ToEvent(request, packet.TimestampNs, null, null, client));
            }
            else if (message is RtspResponse response)
            {
                string key = Key(packet.DestinationAddress, packet.DestinationPort, packet.SourceAddress, packet.SourcePort, packet.OverTcp);
                if (!pending.TryGetValue(key, out var list) || list.Count == 0)
                {
                    continue;
                }

                // CSeq pairs them (§12.17); without a usable CSeq the oldest outstanding request is the one answered.
                int index = list.FindIndex(p => p.Request.CSeq is not null && p.Request.CSeq == response.CSeq);
                var match = list[index >= 0 ? index : 0];
                list.Remove(match);
                events[match.EventIndex] = ToEvent(match.Request, match.TimestampNs, packet.TimestampNs, response, match.ClientEndpoint);
            }
        }

        return events;
    }

    internal static RtspMessage? TryParse(ReadOnlyMemory<byte> data)
    {
        try
        {
            var parser = new RtspMessageParser();
            parser.Feed(data.Span);
            return parser.TryReadMessage(out var message) ? message : null;
        }
        catch (ProtocolFormatException)
        {
            return null;
        }
    }

    private static ScenarioEvent ToEvent(RtspRequest request, long requestNs, long? responseNs, RtspResponse? response, string? clientEndpoint) =>
        new(request.Method, requestNs, responseNs, response?.StatusCode, Headers(response))
        {
            RequestUri = request.Uri,
            RequestHeaders = Headers(request),
            ClientEndpoint = clientEndpoint,
        };

    private static List<KeyValuePair<string, string>> Headers(RtspMessage? message) =>
        message is null ? [] : [.. message.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))];

    private static string Key(string client, int clientPort, string server, int serverPort, bool tcp) =>
        $"{(tcp ? "tcp" : "udp")} {client}:{clientPort} {server}:{serverPort}";

    private readonly record struct PendingRequest(RtspRequest Request, long TimestampNs, int EventIndex, string? ClientEndpoint);
}
