using System.Runtime.CompilerServices;
using Rtsp.Harness.Packets;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Harness.Analysis.Streams;

/// <summary>
/// The server's media streams in an <see cref="AnalysisInput"/>, built once per input and shared by every
/// analyzer (parsing a million RTP headers once, not once per analyzer). Client-to-server RTP is not media: it is
/// ffmpeg's NAT hole punch (one tiny packet with SSRC 0, PEERS.md) or a receiver's keep-alive.
/// </summary>
public static class MediaStreams
{
    private static readonly ConditionalWeakTable<AnalysisInput, IReadOnlyList<MediaStream>> Cache = [];

    public static IReadOnlyList<MediaStream> Of(AnalysisInput input) => Cache.GetValue(input, Build);

    private static IReadOnlyList<MediaStream> Build(AnalysisInput input)
    {
        var transports = NegotiatedTransport.FromEvents(input.Events);
        var streams = new Dictionary<string, MediaStream>(StringComparer.Ordinal);
        var order = new List<MediaStream>();
        foreach (var packet in input.Packets)
        {
            if (packet.Direction != PacketDirection.FromServer || packet.Kind is not (PacketKind.Rtp or PacketKind.Rtcp))
            {
                continue;
            }

            bool rtcp = packet.Kind == PacketKind.Rtcp;
            var stream = Find(streams, order, packet, rtcp, transports);
            if (rtcp)
            {
                stream.Rtcp.Add(packet);
            }
            else if (RtpPacket.TryParse(packet.Data, out var rtp, out var error))
            {
                stream.Rtp.Add(new RtpObservation(packet, rtp!));
            }
            else
            {
                stream.Unparsed.Add((packet, error ?? "not an RTP packet"));
            }
        }

        return order;
    }

    private static MediaStream Find(
        Dictionary<string, MediaStream> streams, List<MediaStream> order, StreamPacket packet, bool rtcp, IReadOnlyList<NegotiatedTransport> transports)
    {
        // RTCP belongs to the stream one port / channel below, unless a SETUP said otherwise.
        int sourcePort = packet.SourcePort;
        int destinationPort = packet.DestinationPort;
        int? channel = packet.Channel;
        NegotiatedTransport? transport;
        if (packet.OverTcp)
        {
            // Several sessions on the same channel numbers (one per connection) cannot be told apart from the
            // events alone: leave the transport unknown rather than give every stream the last session's.
            var candidates = transports.Where(t => t.OverTcp && (rtcp ? t.RtcpChannel : t.RtpChannel) == channel).ToList();
            transport = candidates.Select(t => t.SessionId).Distinct().Count() > 1
                ? null
                : candidates.LastOrDefault(t => t.SetupTimestampNs <= packet.TimestampNs) ?? candidates.LastOrDefault();
            channel = rtcp ? transport?.RtpChannel ?? channel - 1 : channel;
        }
        else
        {
            transport = transports.LastOrDefault(t => !t.OverTcp && Matches(t, sourcePort, destinationPort, rtcp) && t.SetupTimestampNs <= packet.TimestampNs)
                ?? transports.LastOrDefault(t => !t.OverTcp && Matches(t, sourcePort, destinationPort, rtcp));
            if (rtcp)
            {
                sourcePort = transport?.ServerRtpPort ?? sourcePort - 1;
                destinationPort = transport?.ClientRtpPort ?? destinationPort - 1;
            }
        }

        string key = packet.OverTcp
            ? $"tcp {packet.SourceAddress}:{packet.SourcePort}>{packet.DestinationAddress}:{packet.DestinationPort}#{channel}"
            : $"udp {packet.SourceAddress}:{sourcePort}>{packet.DestinationAddress}:{destinationPort}";
        if (!streams.TryGetValue(key, out var stream))
        {
            stream = new MediaStream
            {
                Key = key,
                OverTcp = packet.OverTcp,
                Name = packet.OverTcp
                    ? $"tcp channel {channel} ({packet.SourceAddress}:{packet.SourcePort} → {packet.DestinationAddress}:{packet.DestinationPort})"
                    : $"udp {packet.SourceAddress}:{sourcePort} → {packet.DestinationAddress}:{destinationPort}",
                Transport = transport,
            };
            streams[key] = stream;
            order.Add(stream);
        }

        stream.Transport ??= transport;
        return stream;
    }

    private static bool Matches(NegotiatedTransport t, int sourcePort, int destinationPort, bool rtcp) => rtcp
        ? t.ServerRtcpPort == sourcePort || t.ClientRtcpPort == destinationPort
        : t.ServerRtpPort == sourcePort || t.ClientRtpPort == destinationPort;
}
