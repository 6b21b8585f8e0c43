using System.Buffers.Binary;
using System.Text;

namespace Rtsp.Protocol.Rtcp;

/// <summary>
/// SDES, packet type 202 (RFC 3550 §6.5): chunks of (source, items). Each chunk's item list ends with at least
/// one null octet and is padded with nulls to the next 32-bit boundary.
/// </summary>
public sealed class RtcpSourceDescription : RtcpPacket
{
    public override byte PacketType => RtcpPacketType.SourceDescription;

    public List<RtcpSdesChunk> Chunks { get; set; } = [];

    public override int Count => Chunks.Count;

    public override int BodyLength => Chunks.Sum(ChunkLength);

    /// <summary>The usual SDES of a sender: one chunk with its CNAME.</summary>
    public static RtcpSourceDescription ForCname(uint ssrc, string cname) =>
        new() { Chunks = [new RtcpSdesChunk(ssrc, new RtcpSdesItem(RtcpSdesItemType.Cname, cname))] };

    private static int ChunkLength(RtcpSdesChunk chunk)
    {
        int length = 4 + chunk.Items.Sum(item => 2 + ItemTextLength(item)) + 1; // + the END octet
        return (length + 3) & ~3;
    }

    private static int ItemTextLength(RtcpSdesItem item)
    {
        int length = Encoding.UTF8.GetByteCount(item.Text);
        if (length > 255)
        {
            throw new InvalidOperationException($"SDES {item.Type} text is {length} UTF-8 bytes; an item holds at most 255.");
        }
        if (item.Type == RtcpSdesItemType.End)
        {
            throw new InvalidOperationException("SDES item type 0 (END) terminates a chunk and cannot be an item.");
        }
        return length;
    }

    private protected override void WriteBody(Span<byte> body)
    {
        body.Clear(); // the END octet and the padding are nulls
        int offset = 0;
        foreach (var chunk in Chunks)
        {
            int start = offset;
            BinaryPrimitives.WriteUInt32BigEndian(body[offset..], chunk.Source);
            offset += 4;
            foreach (var item in chunk.Items)
            {
                body[offset] = (byte)item.Type;
                int written = Encoding.UTF8.GetBytes(item.Text, body[(offset + 2)..]);
                body[offset + 1] = (byte)written;
                offset += 2 + written;
            }
            offset = start + ChunkLength(chunk);
        }
    }

    internal static RtcpSourceDescription Read(int count, ReadOnlySpan<byte> body)
    {
        var chunks = new List<RtcpSdesChunk>(count);
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            if (body.Length - offset < 4)
            {
                throw new RtcpFormatException($"RTCP SDES announces {count} chunks but chunk {i + 1} starts past the end of the packet.");
            }
            var chunk = new RtcpSdesChunk { Source = BinaryPrimitives.ReadUInt32BigEndian(body[offset..]) };
            offset += 4;
            while (true)
            {
                if (offset >= body.Length)
                {
                    throw new RtcpFormatException($"RTCP SDES chunk {i + 1} has no END (null) octet before the end of the packet.");
                }
                byte type = body[offset];
                if (type == (byte)RtcpSdesItemType.End)
                {
                    // The null octet plus padding up to the next 32-bit boundary (chunks start aligned).
                    offset = (offset + 4) & ~3;
                    break;
                }
                if (body.Length - offset < 2 || body.Length - offset - 2 < body[offset + 1])
                {
                    throw new RtcpFormatException($"RTCP SDES item of type {type} in chunk {i + 1} runs past the end of the packet.");
                }
                int length = body[offset + 1];
                chunk.Items.Add(new RtcpSdesItem((RtcpSdesItemType)type, RtcpText.Decode(body.Slice(offset + 2, length), $"SDES item of type {type} in chunk {i + 1}")));
                offset += 2 + length;
            }
            chunks.Add(chunk);
        }
        return new RtcpSourceDescription { Chunks = chunks };
    }
}
