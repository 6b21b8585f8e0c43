using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Capture;

/// <summary>
/// UDP datagram -> RTP or RTCP, from the server or to it. With SETUP exchanges in the capture the negotiated
/// ports decide (RFC 2326 §12.39 server_port/client_port; RTP even, RTCP the next port) and anything else on the
/// wire is left out. Without them, the content decides: RTCP has version 2 and packet type 200-204 in byte 1
/// (RFC 3550 §6.4, §12.1), RTP has version 2; the side of a flow that sends more RTP than it receives is the server.
/// </summary>
internal sealed class UdpClassifier
{
    private readonly HashSet<int> _serverRtp = [];
    private readonly HashSet<int> _serverRtcp = [];
    private readonly HashSet<int> _clientRtp = [];
    private readonly HashSet<int> _clientRtcp = [];

    public UdpClassifier(IReadOnlyList<NegotiatedTransport> transports)
    {
        foreach (var transport in transports.Where(t => !t.OverTcp))
        {
            AddIfSet(_serverRtp, transport.ServerRtpPort);
            AddIfSet(_serverRtcp, transport.ServerRtcpPort);
            AddIfSet(_clientRtp, transport.ClientRtpPort);
            AddIfSet(_clientRtcp, transport.ClientRtcpPort);
        }
    }

    private bool HasNegotiatedPorts => _serverRtp.Count + _clientRtp.Count > 0;

    public IEnumerable<StreamPacket> Classify(IReadOnlyList<(long Number, long TimestampNs, TransportSegment Segment)> datagrams)
    {
        var rtpBytesByFlow = HasNegotiatedPorts ? null : CountRtpBytesByFlow(datagrams);
        foreach (var (number, timestampNs, segment) in datagrams)
        {
            (PacketKind Kind, PacketDirection Direction)? classified = HasNegotiatedPorts
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

    private (PacketKind, PacketDirection)? ByPorts(TransportSegment segment)
    {
        int source = segment.SourcePort;
        int destination = segment.DestinationPort;
        if (_serverRtp.Contains(source) || (_clientRtp.Contains(destination) && !_serverRtp.Contains(destination)))
        {
            return (PacketKind.Rtp, PacketDirection.FromServer);
        }

        if (_serverRtcp.Contains(source) || (_clientRtcp.Contains(destination) && !_serverRtcp.Contains(destination)))
        {
            return (PacketKind.Rtcp, PacketDirection.FromServer);
        }

        if (_serverRtp.Contains(destination) || _clientRtp.Contains(source))
        {
            return (PacketKind.Rtp, PacketDirection.ToServer);
        }

        if (_serverRtcp.Contains(destination) || _clientRtcp.Contains(source))
        {
            return (PacketKind.Rtcp, PacketDirection.ToServer);
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

        if (!LooksLikeRtp(data))
        {
            return null;
        }

        rtpBytesByFlow.TryGetValue(FlowKey(segment, reverse: false), out long forward);
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

    private static void AddIfSet(HashSet<int> set, int? port)
    {
        if (port is { } p)
        {
            set.Add(p);
        }
    }
}
