namespace Rtsp.Protocol.H26x;

/// <summary>
/// The few fields of a sequence parameter set a report needs: its id and the picture size after cropping.
/// H.264: ITU-T H.264 §7.3.2.1.1 (scaling lists and POC type 1 skipped over). H.265: ITU-T H.265 §7.3.2.2.1
/// (profile_tier_level skipped over). Bounded: a malformed SPS throws <see cref="H26xFormatException"/>, nothing else.
/// </summary>
public sealed record SequenceParameterSet(H26xCodec Codec, int Id, int ProfileIdc, int LevelIdc, int Width, int Height)
{
    private const int MaxDimension = 1 << 16;
    private static readonly HashSet<uint> H264HighProfiles = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135];

    /// <summary>Parses an SPS NAL unit (header included, no start code).</summary>
    public static SequenceParameterSet Parse(H26xCodec codec, ReadOnlySpan<byte> nal)
    {
        var header = NalUnitHeader.Parse(codec, nal);
        if (!NalUnitTypes.IsSps(codec, header.Type))
        {
            throw new H26xFormatException(H26xRejectReason.MalformedParameter, $"NAL unit {header.TypeName} is not an SPS");
        }

        var reader = new RbspReader(nal[header.Length..]);
        return codec == H26xCodec.H264 ? ParseH264(reader) : ParseH265(reader);
    }

    public static bool TryParse(H26xCodec codec, ReadOnlySpan<byte> nal, out SequenceParameterSet? sps)
    {
        try
        {
            sps = Parse(codec, nal);
            return true;
        }
        catch (H26xFormatException)
        {
            sps = null;
            return false;
        }
    }

    private static SequenceParameterSet ParseH264(RbspReader r)
    {
        uint profile = r.Bits(8);
        r.Skip(8); // constraint_set flags, reserved_zero_2bits
        uint level = r.Bits(8);
        uint id = Bounded(r.UnsignedExpGolomb(), 31, "seq_parameter_set_id");
        uint chromaFormat = 1;
        bool separateColourPlane = false;
        if (H264HighProfiles.Contains(profile))
        {
            chromaFormat = Bounded(r.UnsignedExpGolomb(), 3, "chroma_format_idc");
            if (chromaFormat == 3)
            {
                separateColourPlane = r.Flag();
            }

            r.UnsignedExpGolomb(); // bit_depth_luma_minus8
            r.UnsignedExpGolomb(); // bit_depth_chroma_minus8
            r.Skip(1); // qpprime_y_zero_transform_bypass_flag
            if (r.Flag())
            {
                int lists = chromaFormat != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++)
                {
                    if (r.Flag())
                    {
                        SkipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }

        r.UnsignedExpGolomb(); // log2_max_frame_num_minus4
        uint pocType = r.UnsignedExpGolomb();
        if (pocType == 0)
        {
            r.UnsignedExpGolomb(); // log2_max_pic_order_cnt_lsb_minus4
        }
        else if (pocType == 1)
        {
            r.Skip(1);
            r.SignedExpGolomb();
            r.SignedExpGolomb();
            uint cycle = Bounded(r.UnsignedExpGolomb(), 255, "num_ref_frames_in_pic_order_cnt_cycle");
            for (uint i = 0; i < cycle; i++)
            {
                r.SignedExpGolomb();
            }
        }

        r.UnsignedExpGolomb(); // max_num_ref_frames
        r.Skip(1); // gaps_in_frame_num_value_allowed_flag
        long widthInMbs = r.UnsignedExpGolomb() + 1L;
        long heightInMapUnits = r.UnsignedExpGolomb() + 1L;
        bool frameMbsOnly = r.Flag();
        if (!frameMbsOnly)
        {
            r.Skip(1); // mb_adaptive_frame_field_flag
        }

        r.Skip(1); // direct_8x8_inference_flag
        long width = widthInMbs * 16;
        long height = (frameMbsOnly ? 1 : 2) * heightInMapUnits * 16;
        if (r.Flag())
        {
            bool mono = chromaFormat == 0 || separateColourPlane;
            long cropX = mono ? 1 : chromaFormat == 3 ? 1 : 2;
            long cropY = (mono ? 1 : chromaFormat == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
            long left = r.UnsignedExpGolomb(), right = r.UnsignedExpGolomb(), top = r.UnsignedExpGolomb(), bottom = r.UnsignedExpGolomb();
            width -= cropX * (left + right);
            height -= cropY * (top + bottom);
        }

        return new SequenceParameterSet(H26xCodec.H264, (int)id, (int)profile, (int)level, Dimension(width, "width"), Dimension(height, "height"));
    }

    private static SequenceParameterSet ParseH265(RbspReader r)
    {
        r.Skip(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = (int)r.Bits(3);
        r.Skip(1); // sps_temporal_id_nesting_flag
        // profile_tier_level(1, maxSubLayersMinus1), §7.3.3: 88 bits of general profile, then general_level_idc.
        r.Skip(2 + 1);
        uint profile = r.Bits(5);
        r.Skip(32 + 4 + 43 + 1);
        uint level = r.Bits(8);
        var profilePresent = new bool[maxSubLayersMinus1];
        var levelPresent = new bool[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++)
        {
            profilePresent[i] = r.Flag();
            levelPresent[i] = r.Flag();
        }

        if (maxSubLayersMinus1 > 0)
        {
            r.Skip(2 * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }

        for (int i = 0; i < maxSubLayersMinus1; i++)
        {
            r.Skip((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
        }

        uint id = Bounded(r.UnsignedExpGolomb(), 15, "sps_seq_parameter_set_id");
        uint chromaFormat = Bounded(r.UnsignedExpGolomb(), 3, "chroma_format_idc");
        if (chromaFormat == 3)
        {
            r.Skip(1); // separate_colour_plane_flag
        }

        long width = r.UnsignedExpGolomb();
        long height = r.UnsignedExpGolomb();
        if (r.Flag())
        {
            long subWidth = chromaFormat is 1 or 2 ? 2 : 1;
            long subHeight = chromaFormat == 1 ? 2 : 1;
            long left = r.UnsignedExpGolomb(), right = r.UnsignedExpGolomb(), top = r.UnsignedExpGolomb(), bottom = r.UnsignedExpGolomb();
            width -= subWidth * (left + right);
            height -= subHeight * (top + bottom);
        }

        return new SequenceParameterSet(H26xCodec.H265, (int)id, (int)profile, (int)level, Dimension(width, "width"), Dimension(height, "height"));
    }

    private static void SkipScalingList(RbspReader r, int size)
    {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size && next != 0; j++)
        {
            next = (last + r.SignedExpGolomb() + 256) % 256;
            last = next == 0 ? last : next;
        }
    }

    private static uint Bounded(uint value, uint max, string field) =>
        value <= max ? value : throw new H26xFormatException(H26xRejectReason.MalformedParameter, $"{field} = {value} (at most {max})");

    private static int Dimension(long value, string name) =>
        value is > 0 and <= MaxDimension ? (int)value : throw new H26xFormatException(H26xRejectReason.MalformedParameter, $"the picture {name} comes out as {value}");
}
