namespace Rtsp.Protocol.H26x;

/// <summary>
/// NAL unit and payload-structure type numbers of H.264 (ITU-T H.264 Table 7-1, RFC 6184 §5.4 Table 3) and H.265
/// (ITU-T H.265 Table 7-1, RFC 7798 §4.4), and what they mean to a receiver.
/// </summary>
public static class NalUnitTypes
{
    public const int H264Idr = 5;
    public const int H264Sei = 6;
    public const int H264Sps = 7;
    public const int H264Pps = 8;
    public const int H264AccessUnitDelimiter = 9;
    public const int H264StapA = 24;
    public const int H264StapB = 25;
    public const int H264Mtap16 = 26;
    public const int H264Mtap24 = 27;
    public const int H264FuA = 28;
    public const int H264FuB = 29;

    public const int H265IrapFirst = 16; // BLA_W_LP
    public const int H265IrapLast = 23;  // RSV_IRAP_VCL23
    public const int H265Vps = 32;
    public const int H265Sps = 33;
    public const int H265Pps = 34;
    public const int H265AccessUnitDelimiter = 35;
    public const int H265Aggregation = 48;
    public const int H265Fragmentation = 49;
    public const int H265Paci = 50;

    /// <summary>The aggregation packet type: STAP-A (24) or AP (48).</summary>
    public static int Aggregation(H26xCodec codec) => codec == H26xCodec.H264 ? H264StapA : H265Aggregation;

    /// <summary>The fragmentation unit type: FU-A (28) or FU (49).</summary>
    public static int Fragmentation(H26xCodec codec) => codec == H26xCodec.H264 ? H264FuA : H265Fragmentation;

    /// <summary>A coded slice (VCL NAL unit): H.264 1-5, H.265 0-31.</summary>
    public static bool IsVcl(H26xCodec codec, int type) => codec == H26xCodec.H264 ? type is >= 1 and <= 5 : type is >= 0 and <= 31;

    /// <summary>A picture a decoder can start at: H.264 IDR (5), H.265 IRAP (16-23: BLA, IDR, CRA).</summary>
    public static bool IsRandomAccess(H26xCodec codec, int type) =>
        codec == H26xCodec.H264 ? type == H264Idr : type is >= H265IrapFirst and <= H265IrapLast;

    public static bool IsSps(H26xCodec codec, int type) => type == (codec == H26xCodec.H264 ? H264Sps : H265Sps);

    public static bool IsPps(H26xCodec codec, int type) => type == (codec == H26xCodec.H264 ? H264Pps : H265Pps);

    public static bool IsVps(H26xCodec codec, int type) => codec == H26xCodec.H265 && type == H265Vps;

    /// <summary>A type the codec reserves or leaves unspecified for a NAL unit inside a payload: H.264 0, 30, 31
    /// (RFC 6184 §5.4: "SHOULD NOT be sent"); H.265 41-47 (reserved non-VCL) and 51-63 (unspecified; 48-50 are the
    /// payload structures, RFC 7798 §4.4).</summary>
    public static bool IsReserved(H26xCodec codec, int type) =>
        codec == H26xCodec.H264 ? type is 0 or 30 or 31 : type is (>= 41 and <= 47) or (>= 51 and <= 63);

    public static string Name(H26xCodec codec, int type)
    {
        string name = codec == H26xCodec.H264 ? H264Name(type) : H265Name(type);
        return $"{name} ({type})";
    }

    private static string H264Name(int type) => type switch
    {
        1 => "non-IDR slice",
        2 or 3 or 4 => "slice data partition",
        H264Idr => "IDR slice",
        H264Sei => "SEI",
        H264Sps => "SPS",
        H264Pps => "PPS",
        H264AccessUnitDelimiter => "access unit delimiter",
        10 => "end of sequence",
        11 => "end of stream",
        12 => "filler data",
        >= 13 and <= 23 => "NAL unit",
        H264StapA => "STAP-A",
        H264StapB => "STAP-B",
        H264Mtap16 => "MTAP16",
        H264Mtap24 => "MTAP24",
        H264FuA => "FU-A",
        H264FuB => "FU-B",
        _ => "reserved",
    };

    private static string H265Name(int type) => type switch
    {
        >= 0 and <= 9 => "slice",
        >= 10 and <= 15 => "reserved VCL",
        >= H265IrapFirst and <= 18 => "BLA slice",
        19 or 20 => "IDR slice",
        21 => "CRA slice",
        22 or 23 => "reserved IRAP",
        >= 24 and <= 31 => "reserved VCL",
        H265Vps => "VPS",
        H265Sps => "SPS",
        H265Pps => "PPS",
        H265AccessUnitDelimiter => "access unit delimiter",
        36 => "end of sequence",
        37 => "end of bitstream",
        38 => "filler data",
        39 or 40 => "SEI",
        H265Aggregation => "AP",
        H265Fragmentation => "FU",
        H265Paci => "PACI",
        _ => "reserved",
    };
}
