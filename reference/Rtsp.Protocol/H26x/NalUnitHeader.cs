namespace Rtsp.Protocol.H26x;

/// <summary>
/// A NAL unit header. H.264 (RFC 6184 §1.3, §5.3): one byte F(1) NRI(2) Type(5). H.265 (RFC 7798 §1.1.4): two
/// bytes F(1) Type(6) LayerId(6) TID(3). The same header starts every RTP payload of these formats (the "payload
/// header"), where types beyond the codec's own (aggregation, fragmentation) name the packet structure.
/// </summary>
public readonly record struct NalUnitHeader(H26xCodec Codec, bool ForbiddenBit, int Type, int NalRefIdc, int LayerId, int TemporalIdPlusOne)
{
    /// <summary>Bytes of the header: 1 for H.264, 2 for H.265.</summary>
    public int Length => LengthOf(Codec);

    public static int LengthOf(H26xCodec codec) => codec == H26xCodec.H264 ? 1 : 2;

    /// <summary>False when <paramref name="data"/> is shorter than the header.</summary>
    public static bool TryParse(H26xCodec codec, ReadOnlySpan<byte> data, out NalUnitHeader header)
    {
        header = default;
        if (data.Length < LengthOf(codec))
        {
            return false;
        }

        header = codec == H26xCodec.H264
            ? new NalUnitHeader(codec, (data[0] & 0x80) != 0, data[0] & 0x1F, (data[0] >> 5) & 0x03, 0, 0)
            : new NalUnitHeader(codec, (data[0] & 0x80) != 0, (data[0] >> 1) & 0x3F, 0, ((data[0] & 0x01) << 5) | (data[1] >> 3), data[1] & 0x07);
        return true;
    }

    /// <summary>Throws <see cref="H26xFormatException"/> when <paramref name="data"/> is shorter than the header.</summary>
    public static NalUnitHeader Parse(H26xCodec codec, ReadOnlySpan<byte> data) =>
        TryParse(codec, data, out var header)
            ? header
            : throw new H26xFormatException(H26xRejectReason.TooShort, $"{data.Length} byte(s) cannot hold a {LengthOf(codec)}-byte {codec} NAL unit header");

    /// <summary>The type's name, e.g. "IDR slice (5)" or "FU-A (28)".</summary>
    public string TypeName => NalUnitTypes.Name(Codec, Type);
}
