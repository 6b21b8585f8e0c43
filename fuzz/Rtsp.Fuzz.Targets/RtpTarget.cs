using Rtsp.Protocol.Rtp;

namespace Rtsp.Fuzz.Targets;

/// <summary>
/// The RTP packet parser (RFC 3550 §5.1). <c>TryParse</c> never throws; an accepted packet serializes to bytes that
/// parse again to the same header, and its sequence number feeds the reception statistics.
/// </summary>
public static class RtpTarget
{
    public static void Run(byte[] input)
    {
        if (!RtpPacket.TryParse(input, out var packet, out _))
        {
            return;
        }
        var bytes = packet!.ToArray();
        if (bytes.Length != packet.SerializedLength)
        {
            throw new InvalidOperationException($"ToArray wrote {bytes.Length} bytes, SerializedLength says {packet.SerializedLength}");
        }
        if (!RtpPacket.TryParse(bytes, out var again, out var error))
        {
            throw new InvalidOperationException($"a parsed packet serializes to bytes that do not parse: {error}");
        }
        if (again!.SequenceNumber != packet.SequenceNumber || again.Timestamp != packet.Timestamp || again.Ssrc != packet.Ssrc ||
            again.Payload.Length != packet.Payload.Length)
        {
            throw new InvalidOperationException("a parsed packet does not survive serialize and parse");
        }
        var statistics = new RtpReceptionStatistics();
        _ = statistics.Update(packet.SequenceNumber);
        _ = statistics.Update(unchecked((ushort)(packet.SequenceNumber + packet.Timestamp)));
        _ = statistics.FractionLostSinceLastReport();
    }
}
