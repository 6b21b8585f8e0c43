using Rtsp.Harness.Checks;
using Rtsp.Protocol.H26x;

namespace Rtsp.Harness.Analysis.H26x;

/// <summary>
/// The checks of one NAL-unit payload format, <c>h264.*</c> (RFC 6184) or <c>h265.*</c> (RFC 7798). Both RFCs share
/// their design (single NAL unit packets, aggregation, fragmentation units, marker per access unit), so the rules and
/// their wording are one; the clauses differ. Levels follow the RFC keywords (quoted beside each).
/// </summary>
public sealed class H26xChecks
{
    private H26xChecks(H26xCodec codec, string prefix, string encodingName, string rfc, H26xClauses clauses)
    {
        Codec = codec;
        EncodingName = encodingName;
        Rfc = rfc;
        // RFC 6184 §6.2: "STAPs, MTAPs, and FUs MUST NOT be used" (mode 0); §5.4 Table 3 lists the types each mode
        // allows; §5.8: "STAPs and MTAPs MUST NOT be fragmented. FUs MUST NOT be nested". RFC 7798 §4.4.2: "An AP
        // MUST carry at least two aggregation units"; both define the size fields.
        Packetization = new($"{prefix}.packetization", CheckLevel.Must, clauses.Packetization, clauses.PacketizationTitle);
        // RFC 6184 §5.8 / RFC 7798 §4.4.3: "the Start bit and End bit MUST NOT both be set to one in the same FU
        // header"; the FUs of a NAL unit are sent in consecutive order, first with S, last with E.
        FuBoundaries = new($"{prefix}.fu.boundaries", CheckLevel.Must, clauses.Fragmentation,
            "Fragmentation units: S on the first, E on the last, never both; no continuation without a start, no other packet inside a fragmented NAL unit");
        // RFC 6184 §5.3: "The H.264 specification requires that the F bit be equal to 0" (F = 1 is for a MANE that
        // detected bit errors, not for a sender's own encoder output); RFC 7798 §1.1.4: "Required to be zero in [HEVC]".
        ForbiddenBit = new($"{prefix}.forbidden-bit", CheckLevel.Must, clauses.ForbiddenBit,
            "The F bit (forbidden_zero_bit) of every payload header and NAL unit header is 0");
        // RFC 6184 §5.4: reserved types "SHOULD NOT be sent by a sender ... and MUST be ignored by a receiver".
        NalTypes = new($"{prefix}.nal-types", CheckLevel.Should, clauses.NalTypes, "No NAL unit of a reserved or unspecified type is sent");
        // RFC 6184 §5.1 / RFC 7798 §4.1: the M bit is "Set for the very last packet of the access unit" — no keyword,
        // and decoders "MUST NOT rely on this property": SHOULD.
        Marker = new($"{prefix}.marker", CheckLevel.Should, clauses.Marker, "The marker bit is set on the last packet of each access unit, and only there");
        // RFC 6184 §5.8: "The RTP timestamp of an RTP packet carrying an FU is set to the NALU-time of the fragmented
        // NAL unit"; §5.1: the timestamp is the sampling time of the picture — stated, not keyworded: SHOULD.
        TimestampPerAccessUnit = new($"{prefix}.timestamp-per-au", CheckLevel.Should, clauses.Timestamp,
            "One RTP timestamp per access unit: neither a fragmented NAL unit nor a picture's slices span two timestamps");
        ParameterSets = new($"{prefix}.parameter-sets", CheckLevel.Should, clauses.ParameterSets, clauses.ParameterSetsTitle);
        // RFC 6184 §5.5: "In the non-interleaved packetization mode, the transmission order of NAL units in single NAL
        // unit packets, STAP-As, and FU-As MUST be the same as their NAL unit decoding order"; §5.6: the stream
        // composed by de-packetizing "MUST conform to the NAL unit decoding order"; RFC 7798 §4.4.1 says the same.
        Decode = new($"{prefix}.decode", CheckLevel.Must, clauses.Decode,
            "Every complete access unit from the first random-access picture on decodes (ffmpeg), the depacketized stream in decoding order");
        Mtu = new($"{prefix}.payload.mtu", CheckLevel.Should, clauses.Mtu,
            $"Every UDP packet fits a {Payload.PathMtu.Bytes}-byte path MTU with its IP and UDP headers (large NAL units go in fragmentation units)");
        All = [Packetization, FuBoundaries, ForbiddenBit, NalTypes, Marker, TimestampPerAccessUnit, ParameterSets, Decode, Mtu];
    }

    public static H26xChecks H264 { get; } = new(H26xCodec.H264, "h264", "H264", "RFC 6184", new H26xClauses(
        Packetization: "RFC 6184 §5.4, §5.7.1, §6.2, §6.3",
        PacketizationTitle: "Only the packet types the packetization-mode allows (0: single NAL units; 1: also STAP-A, FU-A; never STAP-B, MTAP, FU-B), aggregation sizes within the packet and non-zero",
        Fragmentation: "RFC 6184 §5.8",
        ForbiddenBit: "RFC 6184 §1.3, §5.3",
        NalTypes: "RFC 6184 §5.4",
        Marker: "RFC 6184 §5.1",
        Timestamp: "RFC 6184 §5.1, §5.8",
        ParameterSets: "RFC 6184 §8.1, §8.4",
        ParameterSetsTitle: "sprop-parameter-sets parses; an SPS and PPS reach the decoder before the first IDR (out of band or in band); an in-band set with an sprop set's id has the same bytes",
        Decode: "RFC 6184 §5.5, §5.6, §7.1",
        Mtu: "RFC 6184 §5.8, RFC 8085 §3.2"));

    public static H26xChecks H265 { get; } = new(H26xCodec.H265, "h265", "H265", "RFC 7798", new H26xClauses(
        Packetization: "RFC 7798 §4.4.1, §4.4.2",
        PacketizationTitle: "Single NAL unit packets, APs and FUs only, aggregation sizes within the packet and non-zero",
        Fragmentation: "RFC 7798 §4.4.3",
        ForbiddenBit: "RFC 7798 §1.1.4",
        NalTypes: "RFC 7798 §1.1.4, §4.4",
        Marker: "RFC 7798 §4.1",
        Timestamp: "RFC 7798 §4.1, §4.4.3",
        ParameterSets: "RFC 7798 §7.1",
        ParameterSetsTitle: "sprop-vps/sps/pps parse; a VPS, SPS and PPS reach the decoder before the first IRAP picture (out of band or in band); an in-band set with an sprop set's id has the same bytes",
        Decode: "RFC 7798 §4.4.1, §6",
        Mtu: "RFC 7798 §4.4.3, RFC 8085 §3.2"));

    public H26xCodec Codec { get; }

    /// <summary>The a=rtpmap encoding name: "H264" or "H265".</summary>
    public string EncodingName { get; }

    public string Rfc { get; }

    public CheckDefinition Packetization { get; }

    public CheckDefinition FuBoundaries { get; }

    public CheckDefinition ForbiddenBit { get; }

    public CheckDefinition NalTypes { get; }

    public CheckDefinition Marker { get; }

    public CheckDefinition TimestampPerAccessUnit { get; }

    public CheckDefinition ParameterSets { get; }

    public CheckDefinition Decode { get; }

    public CheckDefinition Mtu { get; }

    public IReadOnlyList<CheckDefinition> All { get; }

    private sealed record H26xClauses(
        string Packetization, string PacketizationTitle, string Fragmentation, string ForbiddenBit,
        string NalTypes, string Marker, string Timestamp, string ParameterSets, string ParameterSetsTitle, string Decode, string Mtu);
}
