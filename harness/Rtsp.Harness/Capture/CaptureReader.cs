using System.Text;
using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Packets;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Capture;

/// <summary>
/// A pcap/pcapng file -> the <see cref="StreamPacket"/>s the analyzers judge. UDP datagrams are classified by the
/// ports the SETUP exchange in the capture negotiated (even RTP, odd RTCP) or, when the capture has no RTSP, by
/// their content; TCP connections carrying RTSP are reassembled and split into `$` frames and RTSP messages.
/// </summary>
public static class CaptureReader
{
    /// <summary>Ports treated as RTSP without looking at the content (IANA 554, and the common 8554).</summary>
    public static readonly IReadOnlySet<int> WellKnownRtspPorts = new HashSet<int> { 554, 8554 };

    /// <param name="rtspPort">The server's RTSP port: only TCP connections to it are read. Null = well-known
    /// ports, or any connection whose first bytes look like RTSP.</param>
    public static CaptureContents Read(string path, int? rtspPort = null)
    {
        var (linkType, frames) = CaptureFileSource.Open(path);
        var decoder = new FrameDecoder(linkType);
        var datagrams = new List<(long Number, long TimestampNs, TransportSegment Segment)>();
        var connections = new Dictionary<string, TcpConnection>();
        var warnings = new List<string>();
        long frameCount = 0;
        long truncated = 0;
        foreach (var frame in frames)
        {
            frameCount++;
            if (!decoder.TryDecode(frame.Data, out var segment))
            {
                continue;
            }

            if (segment.Truncated)
            {
                truncated++;
            }

            if (!segment.IsTcp)
            {
                datagrams.Add((frame.Number, frame.TimestampNs, segment));
                continue;
            }

            string key = TcpConnection.KeyOf(segment);
            if (!connections.TryGetValue(key, out var connection))
            {
                connections[key] = connection = new TcpConnection(segment, rtspPort);
            }

            connection.Add(segment, frame.Number, frame.TimestampNs);
        }

        if (truncated > 0)
        {
            warnings.Add($"{truncated} frames were cut short by the capture's snaplen; their payloads are incomplete");
        }

        var packets = new List<StreamPacket>();
        var interleaved = new List<StreamPacket>();
        long missing = 0;
        long retransmissions = 0;
        foreach (var connection in connections.Values.Where(c => c.IsRtsp))
        {
            connection.Finish(packets, interleaved);
            missing += connection.MissingBytes;
            retransmissions += connection.Retransmissions;
            warnings.AddRange(connection.Problems);
        }

        var events = CaptureEvents.FromPackets(packets.OrderBy(p => p.Number));
        var transports = NegotiatedTransport.FromEvents(events);
        foreach (var frame in interleaved)
        {
            packets.Add(frame with { Kind = ClassifyChannel(frame.Channel!.Value, transports) });
        }

        packets.AddRange(new UdpClassifier(transports).Classify(datagrams));
        var ordered = packets.OrderBy(p => p.Number).ToList();
        return new CaptureContents(ordered, FindSdp(ordered), linkType)
        {
            FrameCount = frameCount,
            FileBytes = new FileInfo(path).Length,
            Events = events,
            TcpMissingBytes = missing,
            TcpRetransmissions = retransmissions,
            Warnings = warnings,
        };
    }

    // SETUP's interleaved=a-b names them; without a SETUP in the capture, RFC 2326 §10.12's convention (even RTP,
    // the next odd RTCP) is the best guess.
    private static PacketKind ClassifyChannel(int channel, IReadOnlyList<NegotiatedTransport> transports)
    {
        foreach (var transport in transports.Where(t => t.OverTcp))
        {
            if (transport.RtpChannel == channel)
            {
                return PacketKind.Rtp;
            }

            if (transport.RtcpChannel == channel)
            {
                return PacketKind.Rtcp;
            }
        }

        return channel % 2 == 0 ? PacketKind.Rtp : PacketKind.Rtcp;
    }

    private static string? FindSdp(IEnumerable<StreamPacket> packets)
    {
        foreach (var packet in packets.Where(p => p.Kind == PacketKind.RtspResponse))
        {
            if (CaptureEvents.TryParse(packet.Data) is RtspResponse response
                && response.Body.Length > 0
                && response.Headers.Get("Content-Type") is { } type
                && type.StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase))
            {
                return Encoding.UTF8.GetString(response.Body);
            }
        }

        return null;
    }
}
