using CsCheck;
using Rtsp.Protocol.Rtcp;

namespace Rtsp.Protocol.Tests.Rtcp;

/// <summary>Generators of valid RTCP packets for property tests.</summary>
internal static class RtcpGenerators
{
    private static readonly Gen<string> Text =
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789@.-_ éü中"].Array[0, 40].Select(chars => new string(chars));

    private static readonly Gen<byte[]> Words = Gen.Byte.Array[0, 24].Select(bytes => bytes[..(bytes.Length & ~3)]);

    public static readonly Gen<RtcpReportBlock> ReportBlocks =
        Gen.Select(Gen.UInt, Gen.Byte, Gen.Int[RtcpReportBlock.MinCumulativeLost, RtcpReportBlock.MaxCumulativeLost], Gen.UInt, Gen.UInt, Gen.UInt, Gen.UInt,
            (ssrc, fraction, lost, highest, jitter, lsr, dlsr) => new RtcpReportBlock
            {
                Ssrc = ssrc, FractionLost = fraction, CumulativeLost = lost, ExtendedHighestSequence = highest,
                Jitter = jitter, LastSenderReport = lsr, DelaySinceLastSenderReport = dlsr,
            });

    private static readonly Gen<RtcpPacket> SenderReports =
        Gen.Select(Gen.UInt, Gen.ULong, Gen.UInt, Gen.UInt, Gen.UInt, ReportBlocks.Array[0, 31], Words,
            (ssrc, ntp, rtp, packets, octets, blocks, extension) => (RtcpPacket)new RtcpSenderReport
            {
                Ssrc = ssrc, NtpTimestamp = new NtpTimestamp(ntp), RtpTimestamp = rtp, PacketCount = packets, OctetCount = octets,
                ReportBlocks = [.. blocks], ProfileExtension = extension,
            });

    private static readonly Gen<RtcpPacket> ReceiverReports =
        Gen.Select(Gen.UInt, ReportBlocks.Array[0, 31], Words,
            (ssrc, blocks, extension) => (RtcpPacket)new RtcpReceiverReport { Ssrc = ssrc, ReportBlocks = [.. blocks], ProfileExtension = extension });

    private static readonly Gen<RtcpSdesChunk> Chunks =
        Gen.Select(Gen.UInt, Gen.Select(Gen.Byte[1, 8], Text, (type, text) => new RtcpSdesItem((RtcpSdesItemType)type, text)).Array[0, 5],
            (source, items) => new RtcpSdesChunk(source, items));

    private static readonly Gen<RtcpPacket> SourceDescriptions =
        Chunks.Array[0, 6].Select(chunks => (RtcpPacket)new RtcpSourceDescription { Chunks = [.. chunks] });

    private static readonly Gen<RtcpPacket> Goodbyes =
        Gen.Select(Gen.UInt.Array[0, 31], Gen.Bool, Text,
            (sources, hasReason, reason) => (RtcpPacket)new RtcpGoodbye { Sources = [.. sources], Reason = hasReason ? reason : null });

    private static readonly Gen<RtcpPacket> Unknowns =
        Gen.Select(Gen.Byte[204, 255], Gen.Int[0, 31], Words, (type, count, body) =>
        {
            var packet = new RtcpUnknownPacket(type) { Body = body };
            packet.SetCount(count);
            return (RtcpPacket)packet;
        });

    /// <summary>1 to 5 packets of any kind, the last one sometimes padded.</summary>
    public static readonly Gen<RtcpPacket[]> Compounds =
        Gen.Select(Gen.OneOf(SenderReports, ReceiverReports, SourceDescriptions, Goodbyes, Unknowns).Array[1, 5], Gen.Int[0, 3],
            (packets, paddingWords) =>
            {
                packets[^1].PaddingLength = (byte)(4 * paddingWords);
                return packets;
            });
}
