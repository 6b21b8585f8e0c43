using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Capture;

/// <summary>
/// UDP datagram -> RTP or RTCP, from the server or to it. With SETUP exchanges in the capture the negotiated
/// ports decide (RFC 2326 §12.39 server_port/client_port; RTP even, RTCP the next port) and anything else on the
/// wire is left out. Without them, the content decides: RTCP has version 2 and packet type 200-204 in byte 1
/// (RFC 3550 §6.4, §12.1), RTP has version 2, and any other datagram of a flow that carries RTP counts as RTP too;
/// the side of a flow that sends more RTP than it receives is the server.
/// </summary>
internal sealed class UdpClassifier
{
    private readonly List<NegotiatedTransport> _transports;
    private readonly bool _haveRtsp;

    public UdpClassifier(IReadOnlyList<NegotiatedTransport> transports)
    {
        // Any SETUP in the capture means the RTSP exchange is there to say which datagrams are media: other UDP on
        // the same interface (DNS, another program's stream) is left out rather than guessed at.
        _haveRtsp = transports.Count > 0;
        _transports = [.. transports.Where(t => !t.OverTcp)];
    }

    public IEnumerable<StreamPacket> Classify(IReadOnlyList<(long Number, long TimestampNs, TransportSegment Segment)> datagrams)
    {
        var rtpBytesByFlow = _haveRtsp ? null : CountRtpBytesByFlow(datagrams);
        foreach (var (number, timestampNs, segment) in datagrams)
        {
            (PacketKind Kind, PacketDirection Direction)? classified = _haveRtsp
                ? ByPorts(segment)
                : ByContent(segment, rtpBytesByFlow!);
            if (classified is { } c)
            {
                yield return new StreamPacket(
                    number, timestampNs, c.Kind, c.Direction, false,
                    segment.SourceAddress, segment.SourcePort, segment.DestinationAddress, segment.DestinationPort, null, segment.Payload);
            }
        }
    }

    // Both ends must match where both are known: on loopback every program shares one address.
    private (PacketKind, PacketDirection)? ByPorts(TransportSegment segment)
    {
        foreach (var t in _transports)
        {
            if (Matches(segment, t.ServerRtpPort, t.ClientRtpPort) is { } rtp)
            {
                return (PacketKind.Rtp, rtp);
            }

            if (Matches(segment, t.ServerRtcpPort, t.ClientRtcpPort) is { } rtcp)
            {
                return (PacketKind.Rtcp, rtcp);
            }
        }

        return null;
    }

    private static PacketDirection? Matches(TransportSegment segment, int? serverPort, int? clientPort)
    {
        int source = segment.SourcePort;
        int destination = segment.DestinationPort;
        if (serverPort is { } s && clientPort is { } c)
        {
            return source == s && destination == c ? PacketDirection.FromServer
                : source == c && destination == s ? PacketDirection.ToServer
                : null;
        }

        if (serverPort is { } server)
        {
            return source == server ? PacketDirection.FromServer : destination == server ? PacketDirection.ToServer : null;
        }

        if (clientPort is { } client)
        {
            return destination == client ? PacketDirection.FromServer : source == client ? PacketDirection.ToServer : null;
        }

        return null;
    }
    private static (PacketKind, PacketDirection)? ByContent(TransportSegment segment, Dictionary<string, long> rtpBytesByFlow)
    {
        var data = segment.Payload.Span;
        if (LooksLikeRtcp(data))
        {
            // A sender report comes from the media sender; receiver reports come back to it.
            return (PacketKind.Rtcp, data[1] == 200 ? PacketDirection.FromServer : PacketDirection.ToServer);
        }

        rtpBytesByFlow.TryGetValue(FlowKey(segment, reverse: false), out long forward);
        // A datagram that is not version-2 RTP still is RTP when its flow carries RTP: a broken header (V=1) must
        // reach rtp.header.version rather than vanish.
        if (!LooksLikeRtp(data) && forward == 0)
        {
            return null;
        }

        rtpBytesByFlow.TryGetValue(FlowKey(segment, reverse: true), out long backward);
        return (PacketKind.Rtp, forward >= backward ? PacketDirection.FromServer : PacketDirection.ToServer);
    }

    private static Dictionary<string, long> CountRtpBytesByFlow(IEnumerable<(long Number, long TimestampNs, TransportSegment Segment)> datagrams)
    {
        var bytes = new Dictionary<string, long>();
        foreach (var (_, _, segment) in datagrams)
        {
            if (LooksLikeRtp(segment.Payload.Span) && !LooksLikeRtcp(segment.Payload.Span))
            {
                string key = FlowKey(segment, reverse: false);
                bytes[key] = bytes.GetValueOrDefault(key) + segment.Payload.Length;
            }
        }

        return bytes;
    }

    internal static bool LooksLikeRtcp(ReadOnlySpan<byte> data) =>
        data.Length >= 8 && data[0] >> 6 == 2 && data[1] is >= 200 and <= 204 && data.Length % 4 == 0;

    internal static bool LooksLikeRtp(ReadOnlySpan<byte> data) => data.Length >= 12 && data[0] >> 6 == 2;

    private static string FlowKey(TransportSegment segment, bool reverse) => reverse
        ? $"{segment.DestinationAddress}:{segment.DestinationPort}>{segment.SourceAddress}:{segment.SourcePort}"
        : $"{segment.SourceAddress}:{segment.SourcePort}>{segment.DestinationAddress}:{segment.DestinationPort}";
}
