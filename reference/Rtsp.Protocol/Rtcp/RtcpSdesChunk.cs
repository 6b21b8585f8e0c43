namespace Rtsp.Protocol.Rtcp;

/// <summary>One SDES chunk: a source and the items describing it (RFC 3550 §6.5).</summary>
public sealed class RtcpSdesChunk
{
    public RtcpSdesChunk() { }

    public RtcpSdesChunk(uint source, params RtcpSdesItem[] items)
    {
        Source = source;
        Items = [.. items];
    }

    /// <summary>The SSRC or CSRC this chunk describes.</summary>
    public uint Source { get; set; }

    public List<RtcpSdesItem> Items { get; set; } = [];

    /// <summary>The CNAME item's text, the one item every RTCP compound must carry (RFC 3550 §6.5.1).</summary>
    public string? Cname => Items.Find(item => item.Type == RtcpSdesItemType.Cname)?.Text;
}
