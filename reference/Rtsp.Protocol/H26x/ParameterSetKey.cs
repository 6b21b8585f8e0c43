namespace Rtsp.Protocol.H26x;

/// <summary>
/// Which parameter set a NAL unit is: its type (VPS, SPS, PPS) and id. Two parameter sets with the same key
/// replace one another in a decoder, so an in-band set with the key of an out-of-band one (sprop-*) must be the same
/// bytes or a deliberate update.
/// </summary>
public readonly record struct ParameterSetKey(H26xCodec Codec, int Type, int Id)
{
    /// <summary>The key of a VPS, SPS or PPS NAL unit; false for other NAL units or a set too damaged to hold an id.</summary>
    public static bool TryRead(H26xCodec codec, ReadOnlySpan<byte> nal, out ParameterSetKey key)
    {
        key = default;
        if (!NalUnitHeader.TryParse(codec, nal, out var header) || nal.Length <= header.Length)
        {
            return false;
        }

        int type = header.Type;
        try
        {
            if (NalUnitTypes.IsVps(codec, type))
            {
                key = new ParameterSetKey(codec, type, nal[header.Length] >> 4); // vps_video_parameter_set_id u(4)
                return true;
            }

            if (NalUnitTypes.IsSps(codec, type))
            {
                key = new ParameterSetKey(codec, type, SequenceParameterSet.Parse(codec, nal).Id);
                return true;
            }

            if (NalUnitTypes.IsPps(codec, type))
            {
                // pic_parameter_set_id ue(v) opens the PPS in both codecs.
                uint id = new RbspReader(nal[header.Length..]).UnsignedExpGolomb();
                key = new ParameterSetKey(codec, type, (int)Math.Min(id, int.MaxValue));
                return true;
            }
        }
        catch (H26xFormatException)
        {
            return false;
        }

        return false;
    }

    public override string ToString() => $"{NalUnitTypes.Name(Codec, Type)} id {Id}";
}
