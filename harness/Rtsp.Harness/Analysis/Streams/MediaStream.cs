using Rtsp.Harness.Packets;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Harness.Analysis.Streams;

/// <summary>
/// One media stream the server sent: the RTP of one UDP port pair (server port -> client port) or of one
/// interleaved channel, with its RTCP (the next port / channel, RFC 3550 §11, RFC 2326 §10.12). Keyed by
/// transport, not by SSRC, so an SSRC change shows up as a change within the stream.
/// </summary>
public sealed class MediaStream
{
    public required string Key { get; init; }

    public required bool OverTcp { get; init; }

    /// <summary>Readable name for evidence: "udp 127.0.0.1:6970 → 127.0.0.1:50000" or "tcp channel 0".</summary>
    public required string Name { get; init; }

    /// <summary>The SETUP that negotiated it, when the run or capture has one.</summary>
    public NegotiatedTransport? Transport { get; set; }

    /// <summary>Server-to-client RTP packets in capture order that parsed as RTP.</summary>
    public List<RtpObservation> Rtp { get; } = [];

    /// <summary>Server-to-client datagrams/frames on the RTP port or channel that are not RTP at all.</summary>
    public List<(StreamPacket Packet, string Error)> Unparsed { get; } = [];

    /// <summary>Server-to-client RTCP compounds for this stream in capture order.</summary>
    public List<StreamPacket> Rtcp { get; } = [];

    /// <summary>Whether an exchange (a SETUP, PLAY, PAUSE...) is of this stream's session: with several sessions in
    /// one run every session has the same URL, so only the Session id (of the exchange and of this stream's SETUP)
    /// pairs them. Without session information on either side, every exchange counts.</summary>
    public bool BelongsToSession(ScenarioEvent exchange) =>
        Transport?.SessionId is not { } mine || exchange.SessionId is not { } theirs || mine == theirs;
}

/// <summary>A captured RTP packet and its parsed header.</summary>
public readonly record struct RtpObservation(StreamPacket Packet, RtpPacket Rtp)
{
    public long Number => Packet.Number;

    public long TimestampNs => Packet.TimestampNs;
}
