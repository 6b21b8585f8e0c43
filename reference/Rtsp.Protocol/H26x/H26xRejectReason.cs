namespace Rtsp.Protocol.H26x;

/// <summary>Why the depacketizer refused (part of) an RTP payload of RFC 6184 / RFC 7798, or a parameter did not parse.</summary>
public enum H26xRejectReason
{
    /// <summary>The payload (or a parameter set) is shorter than its headers.</summary>
    TooShort,

    /// <summary>F (forbidden_zero_bit) is 1: the NAL unit is known to hold bit errors (RFC 6184 §5.3, RFC 7798 §1.1.4).
    /// Reported, and the NAL unit is still delivered, as RFC 6184 §5.3 lets a receiver pass it on.</summary>
    ForbiddenBit,

    /// <summary>A type undefined for RTP: H.264 0, 30, 31 (RFC 6184 §5.4 Table 3: "MUST be ignored by a receiver").
    /// Dropped.</summary>
    UndefinedType,

    /// <summary>An H.265 NAL unit type reserved by HEVC (41-47) or unspecified (51-63 outside the payload
    /// structures). Reported, and delivered: a decoder ignores it.</summary>
    ReservedType,

    /// <summary>STAP-B, MTAP16, MTAP24 or FU-B (H.264 types 25, 26, 27, 29): interleaved mode only, not allowed in
    /// packetization-mode 0 or 1 (RFC 6184 §5.4 Table 3, §6.2, §6.3). Dropped.</summary>
    InterleavedModeType,

    /// <summary>An H.265 PACI packet (type 50, RFC 7798 §4.4.4): legal, but not unpacked here. Dropped.</summary>
    UnsupportedPaci,

    /// <summary>An FU with both S and E set (RFC 6184 §5.8, RFC 7798 §4.4.3: "MUST NOT both be set"). Dropped.</summary>
    FragmentStartAndEnd,

    /// <summary>An FU continuation (S = 0) with no fragmented NAL unit in progress, and no packet lost before it.</summary>
    FragmentWithoutStart,

    /// <summary>A new FU start, or another packet, while a fragmented NAL unit had not ended (its E bit never came)
    /// and no packet was lost: the unfinished NAL unit is dropped (RFC 6184 §5.8: the FUs of a NAL unit are sent
    /// consecutively).</summary>
    FragmentNotEnded,

    /// <summary>An FU continuation whose RTP timestamp differs from its start's (RFC 6184 §5.8, RFC 7798 §4.4.3:
    /// the timestamp of an FU is the NALU-time of the fragmented NAL unit). Dropped with its NAL unit.</summary>
    FragmentTimestampChanged,

    /// <summary>An aggregation unit whose size runs past the end of the packet, or a size field cut short.
    /// The rest of the packet is dropped.</summary>
    TruncatedAggregation,

    /// <summary>A zero-length NAL unit: an aggregation unit of size 0 or an FU with no fragment bytes.</summary>
    ZeroLengthNal,

    /// <summary>An access unit grew past the depacketizer's size limit. Dropped.</summary>
    TooLarge,

    /// <summary>A base64 parameter (sprop-parameter-sets, sprop-vps/sps/pps) or a parameter set that does not parse.</summary>
    MalformedParameter,
}
