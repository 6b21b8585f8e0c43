using System.Buffers.Binary;

namespace Rtsp.Protocol.Rtcp;

/// <summary>RR, packet type 201 (RFC 3550 §6.4.2): the reporter's SSRC plus reception report blocks.</summary>
public sealed class RtcpReceiverReport : RtcpPacket
{
    public override byte PacketType => RtcpPacketType.ReceiverReport;

    public uint Ssrc { get; set; }

    public List<RtcpReportBlock> ReportBlocks { get; set; } = [];

    /// <summary>Profile-specific extension after the report blocks, kept as bytes (a multiple of 4).</summary>
    public byte[] ProfileExtension { get; set; } = [];

    public override int Count => ReportBlocks.Count;

    public override int BodyLength => 4 + RtcpReportBlock.Length * ReportBlocks.Count + ProfileExtension.Length;

    private protected override void WriteBody(Span<byte> body)
    {
        CheckExtension(ProfileExtension);
        BinaryPrimitives.WriteUInt32BigEndian(body, Ssrc);
        int offset = 4;
        foreach (var block in ReportBlocks)
        {
            block.Write(body[offset..]);
            offset += RtcpReportBlock.Length;
        }
        ProfileExtension.CopyTo(body[offset..]);
    }

    internal static void CheckExtension(byte[] extension)
    {
        if (extension.Length % 4 != 0)
        {
            throw new InvalidOperationException($"RTCP profile extension must be a multiple of 4 bytes; got {extension.Length}.");
        }
    }

    internal static RtcpReceiverReport Read(int count, ReadOnlySpan<byte> body)
    {
        if (body.Length < 4)
        {
            throw new RtcpFormatException($"RTCP RR body of {body.Length} bytes has no room for the reporter SSRC.");
        }
        var blocks = RtcpReportBlock.ReadBlocks(body[4..], count, "RR");
        return new RtcpReceiverReport
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(body),
            ReportBlocks = blocks,
            ProfileExtension = body[(4 + RtcpReportBlock.Length * count)..].ToArray(),
        };
    }
}
