namespace Rtsp.Protocol.H26x;

/// <summary>
/// The NAL units of one RTP timestamp, in decoding order, as <see cref="H26xDepacketizer"/> rebuilt them, plus
/// what a judge needs to know about how they arrived: packets, marker, losses, and how the unit ended.
/// </summary>
public sealed class H26xAccessUnit
{
    private static readonly byte[] StartCode = [0, 0, 0, 1];

    internal H26xAccessUnit(H26xCodec codec, uint timestamp, ushort firstSequence)
    {
        Codec = codec;
        Timestamp = timestamp;
        FirstSequence = firstSequence;
        LastSequence = firstSequence;
    }

    public H26xCodec Codec { get; }

    public uint Timestamp { get; }

    /// <summary>The NAL units, each with its header, without start codes.</summary>
    public IReadOnlyList<byte[]> NalUnits => Nals;

    public IEnumerable<int> NalTypes => Nals.Select(n => NalUnitHeader.Parse(Codec, n).Type);

    public ushort FirstSequence { get; }

    public ushort LastSequence { get; internal set; }

    /// <summary>RTP packets that carried this unit (duplicates not counted).</summary>
    public int PacketCount { get; internal set; }

    /// <summary>Whether the unit ended with a marker packet (rather than a timestamp change or the end of input).</summary>
    public bool MarkerSeen { get; internal set; }

    /// <summary>A sequence gap inside the unit: some of its packets were lost, so it may be incomplete.</summary>
    public bool PacketsLost { get; internal set; }

    /// <summary>Something was dropped from this unit (a problem in one of its packets, or a lost fragment).</summary>
    public bool Incomplete { get; internal set; }

    internal List<byte[]> Nals { get; } = [];

    internal int Size { get; set; }

    public bool HasRandomAccess => NalTypes.Any(t => NalUnitTypes.IsRandomAccess(Codec, t));

    public bool HasSps => NalTypes.Any(t => NalUnitTypes.IsSps(Codec, t));

    public bool HasPps => NalTypes.Any(t => NalUnitTypes.IsPps(Codec, t));

    public bool HasVps => NalTypes.Any(t => NalUnitTypes.IsVps(Codec, t));

    public bool HasVcl => NalTypes.Any(t => NalUnitTypes.IsVcl(Codec, t));

    /// <summary>
    /// Whether the first coded slice starts a picture: H.264 first_mb_in_slice = 0 (§7.3.3, ue(v) "1" = 0),
    /// H.265 first_slice_segment_in_pic_flag = 1 (§7.3.6.1). Null without a slice. False means the unit continues a
    /// picture whose first slice had another timestamp (or was lost).
    /// </summary>
    public bool? StartsPicture
    {
        get
        {
            foreach (var nal in Nals)
            {
                var header = NalUnitHeader.Parse(Codec, nal);
                if (NalUnitTypes.IsVcl(Codec, header.Type))
                {
                    return nal.Length > header.Length ? (nal[header.Length] & 0x80) != 0 : null;
                }
            }

            return null;
        }
    }

    /// <summary>The unit as an Annex B byte stream: each NAL unit after a 00 00 00 01 start code.</summary>
    public byte[] ToAnnexB()
    {
        var bytes = new byte[Nals.Sum(n => n.Length + StartCode.Length)];
        int at = 0;
        foreach (var nal in Nals)
        {
            StartCode.CopyTo(bytes, at);
            nal.CopyTo(bytes, at + StartCode.Length);
            at += StartCode.Length + nal.Length;
        }

        return bytes;
    }

    public override string ToString() =>
        $"{Codec} access unit ts {Timestamp}, seq {FirstSequence}-{LastSequence}, {PacketCount} packet(s), NAL types [{string.Join(",", NalTypes)}]";
}
