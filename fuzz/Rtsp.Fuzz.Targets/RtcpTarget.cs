using Rtsp.Protocol;
using Rtsp.Protocol.Rtcp;

namespace Rtsp.Fuzz.Targets;

/// <summary>
/// The RTCP compound packet parser (RFC 3550 §6). <c>TryParse</c> must agree with <c>Parse</c>; accepted packets
/// serialize to a compound packet that parses again into as many packets.
/// </summary>
public static class RtcpTarget
{
    public static void Run(byte[] input)
    {
        var accepted = RtcpCompoundPacket.TryParse(input, out _, out _);
        IReadOnlyList<RtcpPacket> packets;
        try
        {
            packets = RtcpCompoundPacket.Parse(input);
        }
        catch (ProtocolFormatException)
        {
            if (accepted)
            {
                throw new InvalidOperationException("Parse rejects a packet TryParse accepts");
            }
            return;
        }
        if (!accepted)
        {
            throw new InvalidOperationException("Parse accepts a packet TryParse rejects");
        }

        foreach (var packet in packets)
        {
            Read(packet);
        }
        var bytes = RtcpCompoundPacket.Serialize(packets);
        if (!RtcpCompoundPacket.TryParse(bytes, out var again, out var error))
        {
            throw new InvalidOperationException($"parsed packets serialize to a compound packet that does not parse: {error}");
        }
        if (again!.Count != packets.Count)
        {
            throw new InvalidOperationException($"{packets.Count} parsed packets serialize and parse back as {again.Count}");
        }
    }

    private static void Read(RtcpPacket packet)
    {
        var blocks = packet switch
        {
            RtcpSenderReport sr => (IReadOnlyList<RtcpReportBlock>)sr.ReportBlocks,
            RtcpReceiverReport rr => rr.ReportBlocks,
            _ => [],
        };
        if (packet is RtcpSenderReport report)
        {
            _ = report.NtpTimestamp.ToDateTime();
        }
        foreach (var block in blocks)
        {
            _ = block.RoundTripTime(new NtpTimestamp(0xE000_0000_0000_0000));
        }
        if (packet is RtcpSourceDescription sdes)
        {
            foreach (var chunk in sdes.Chunks)
            {
                _ = chunk.Cname;
            }
        }
    }
}
