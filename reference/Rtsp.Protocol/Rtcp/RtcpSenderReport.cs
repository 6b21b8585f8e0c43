using System.Buffers.Binary;

namespace Rtsp.Protocol.Rtcp;

/// <summary>SR, packet type 200 (RFC 3550 §6.4.1): sender info plus reception report blocks.</summary>
public sealed class RtcpSenderReport : RtcpPacket
{
    private const int SenderInfoLength = 24; // SSRC + NTP + RTP timestamp + packet count + octet count

    public override byte PacketType => RtcpPacketType.SenderReport;

    public uint Ssrc { get; set; }

    public NtpTimestamp NtpTimestamp { get; set; }

    /// <summary>The same instant as <see cref="NtpTimestamp"/> in the media's RTP clock.</summary>
    public uint RtpTimestamp { get; set; }

    public uint PacketCount { get; set; }

    public uint OctetCount { get; set; }

    public List<RtcpReportBlock> ReportBlocks { get; set; } = [];

    /// <summary>Profile-specific extension after the report blocks, kept as bytes (a multiple of 4).</summary>
    public byte[] ProfileExtension { get; set; } = [];

    public override int Count => ReportBlocks.Count;

    public override int BodyLength => SenderInfoLength + RtcpReportBlock.Length * ReportBlocks.Count + ProfileExtension.Length;

    private protected override void WriteBody(Span<byte> body)
    {
        RtcpReceiverReport.CheckExtension(ProfileExtension);
        BinaryPrimitives.WriteUInt32BigEndian(body, Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(body[4..], NtpTimestamp.Value);
        BinaryPrimitives.WriteUInt32BigEndian(body[12..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(body[16..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(body[20..], OctetCount);
        int offset = SenderInfoLength;
        foreach (var block in ReportBlocks)
        {
            block.Write(body[offset..]);
            offset += RtcpReportBlock.Length;
        }
        ProfileExtension.CopyTo(body[offset..]);
    }

    internal static RtcpSenderReport Read(int count, ReadOnlySpan<byte> body)
    {
        if (body.Length < SenderInfoLength)
        {
            throw new RtcpFormatException($"RTCP SR body of {body.Length} bytes is shorter than the 24-byte sender info.");
        }
        var blocks = RtcpReportBlock.ReadBlocks(body[SenderInfoLength..], count, "SR");
        return new RtcpSenderReport
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(body),
            NtpTimestamp = new NtpTimestamp(BinaryPrimitives.ReadUInt64BigEndian(body[4..])),
            RtpTimestamp = BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
            PacketCount = BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
            OctetCount = BinaryPrimitives.ReadUInt32BigEndian(body[20..]),
            ReportBlocks = blocks,
            ProfileExtension = body[(SenderInfoLength + RtcpReportBlock.Length * count)..].ToArray(),
        };
    }
}
