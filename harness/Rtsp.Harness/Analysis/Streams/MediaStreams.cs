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
            // Channels are per connection: another session's connection may use the same channel numbers. Without
            // the connection in the events, several sessions on one channel cannot be told apart: leave the transport
            // unknown rather than give every stream the last session's.
            string client = $"{packet.DestinationAddress}:{packet.DestinationPort}";
            var candidates = transports.Where(t => t.OverTcp && (rtcp ? t.RtcpChannel : t.RtpChannel) == channel).ToList();
            var onConnection = candidates.Where(t => t.ClientEndpoint == client).ToList();
            var unplaced = candidates.Where(t => t.ClientEndpoint is null).ToList();
            transport = onConnection.Count > 0 ? Latest(onConnection, packet)
                : unplaced.Select(t => t.SessionId).Distinct().Count() > 1 ? null
                : Latest(unplaced, packet);
            channel = rtcp ? transport?.RtpChannel ?? channel - 1 : channel;
        }
        else
        {
            // Sessions may share the server's ports; the client ports are what tell them apart, so a SETUP that
            // matches both ends wins over one that matches either.
            var candidates = transports.Where(t => !t.OverTcp).ToList();
            transport = Latest(candidates.Where(t => MatchesBoth(t, sourcePort, destinationPort, rtcp)).ToList(), packet)
                ?? Latest(candidates.Where(t => MatchesClient(t, destinationPort, rtcp)).ToList(), packet)
                ?? Latest(candidates.Where(t => Matches(t, sourcePort, destinationPort, rtcp)).ToList(), packet);
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

    // The last SETUP before the packet; a packet before every SETUP (a capture started late) takes the last one.
    private static NegotiatedTransport? Latest(List<NegotiatedTransport> candidates, StreamPacket packet) =>
        candidates.LastOrDefault(t => t.SetupTimestampNs <= packet.TimestampNs) ?? candidates.LastOrDefault();

    private static bool MatchesBoth(NegotiatedTransport t, int sourcePort, int destinationPort, bool rtcp) => rtcp
        ? t.ServerRtcpPort == sourcePort && t.ClientRtcpPort == destinationPort
        : t.ServerRtpPort == sourcePort && t.ClientRtpPort == destinationPort;

    private static bool MatchesClient(NegotiatedTransport t, int destinationPort, bool rtcp) =>
        (rtcp ? t.ClientRtcpPort : t.ClientRtpPort) == destinationPort;

    private static bool Matches(NegotiatedTransport t, int sourcePort, int destinationPort, bool rtcp) => rtcp
        ? t.ServerRtcpPort == sourcePort || t.ClientRtcpPort == destinationPort
        : t.ServerRtpPort == sourcePort || t.ClientRtpPort == destinationPort;
}
