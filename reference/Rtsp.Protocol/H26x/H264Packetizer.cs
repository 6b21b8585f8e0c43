namespace Rtsp.Protocol.H26x;

/// <summary>
/// Splits one H.264 access unit into RTP payloads for packetization-mode=1 (RFC 6184 §6.3, non-interleaved):
/// a NAL unit that fits in <see cref="MaxPayloadSize"/> goes as a single NAL unit packet (§5.6); a larger one as
/// FU-A fragments (§5.8: FU indicator with the NAL unit's F and NRI and type 28, FU header with S on the first
/// fragment, E on the last, and the NAL unit type); consecutive parameter sets (SPS, PPS) that fit together go in
/// one STAP-A (§5.7.1) when <see cref="AggregateParameterSets"/> is on. Units keep decoding order.
/// The caller gives every payload of the access unit the same RTP timestamp (§5.1: the sampling time of the
/// picture) and sets the marker bit on the last payload only (§5.1: it ends the access unit).
/// Immutable: one instance may serve many sessions and threads.
/// </summary>
public sealed class H264Packetizer
{
    /// <summary>RFC 6184 §5.4 Table 1: STAP-A.</summary>
    public const int StapAType = 24;

    /// <summary>RFC 6184 §5.4 Table 1: FU-A.</summary>
    public const int FuAType = 28;

    /// <summary>H.264 Table 7-1: sequence parameter set.</summary>
    public const int SpsType = 7;

    /// <summary>H.264 Table 7-1: picture parameter set.</summary>
    public const int PpsType = 8;

    /// <summary>FU indicator + FU header + one byte of the NAL unit.</summary>
    public const int MinimumPayloadSize = 3;

    private const byte StartBit = 0x80;
    private const byte EndBit = 0x40;

    public H264Packetizer(int maxPayloadSize = 1400, bool aggregateParameterSets = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadSize, MinimumPayloadSize);
        MaxPayloadSize = maxPayloadSize;
        AggregateParameterSets = aggregateParameterSets;
    }

    public int MaxPayloadSize { get; }

    public bool AggregateParameterSets { get; }

    /// <summary>The NAL unit type (H.264 §7.3.1: the low 5 bits of the first byte).</summary>
    public static int NalType(ReadOnlySpan<byte> unit) => unit.IsEmpty ? -1 : unit[0] & 0x1F;

    /// <summary>Payloads of an access unit given in Annex B (start codes before each NAL unit).</summary>
    public IReadOnlyList<byte[]> PacketizeAnnexB(ReadOnlyMemory<byte> accessUnit) => Packetize(AnnexBSplitter.Split(accessUnit));

    /// <summary>Payloads of an access unit given as NAL units (no start codes), in decoding order.</summary>
    public IReadOnlyList<byte[]> Packetize(IReadOnlyList<ReadOnlyMemory<byte>> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var payloads = new List<byte[]>();
        for (int i = 0; i < units.Count; i++)
        {
            int aggregated = AggregateParameterSets ? CountAggregatable(units, i) : 0;
            if (aggregated >= 2)
            {
                payloads.Add(StapA(units, i, aggregated));
                i += aggregated - 1;
            }
            else if (units[i].Length <= MaxPayloadSize)
            {
                payloads.Add(units[i].ToArray());
            }
            else
            {
                AddFragments(units[i].Span, payloads);
            }
        }

        return payloads;
    }

    /// <summary>How many parameter sets starting at <paramref name="first"/> fit in one STAP-A.</summary>
    private int CountAggregatable(IReadOnlyList<ReadOnlyMemory<byte>> units, int first)
    {
        int size = 1;
        int count = 0;
        for (int i = first; i < units.Count; i++)
        {
            int type = NalType(units[i].Span);
            if (type is not (SpsType or PpsType) || units[i].Length > ushort.MaxValue)
            {
                break;
            }

            // §5.7.1: each aggregated unit is preceded by its 16-bit size.
            size += 2 + units[i].Length;
            if (size > MaxPayloadSize)
            {
                break;
            }

            count++;
        }

        return count;
    }

    private static byte[] StapA(IReadOnlyList<ReadOnlyMemory<byte>> units, int first, int count)
    {
        int length = 1;
        byte forbidden = 0, nri = 0;
        for (int i = first; i < first + count; i++)
        {
            length += 2 + units[i].Length;
            byte header = units[i].Span[0];
            forbidden |= (byte)(header & 0x80);
            // §5.7: the STAP's NRI is the maximum of the aggregated units' NRIs.
            nri = Math.Max(nri, (byte)(header & 0x60));
        }

        var payload = new byte[length];
        payload[0] = (byte)(forbidden | nri | StapAType);
        int at = 1;
        for (int i = first; i < first + count; i++)
        {
            ReadOnlySpan<byte> unit = units[i].Span;
            payload[at] = (byte)(unit.Length >> 8);
            payload[at + 1] = (byte)unit.Length;
            unit.CopyTo(payload.AsSpan(at + 2));
            at += 2 + unit.Length;
        }

        return payload;
    }

    private void AddFragments(ReadOnlySpan<byte> unit, List<byte[]> payloads)
    {
        byte indicator = (byte)((unit[0] & 0xE0) | FuAType);
        byte type = (byte)(unit[0] & 0x1F);
        // §5.8: the NAL unit header is not sent; its fields travel in the FU indicator and header.
        ReadOnlySpan<byte> body = unit[1..];
        int capacity = MaxPayloadSize - 2;
        for (int offset = 0; offset < body.Length; offset += capacity)
        {
            int length = Math.Min(capacity, body.Length - offset);
            var payload = new byte[2 + length];
            payload[0] = indicator;
            payload[1] = (byte)(type
                | (offset == 0 ? StartBit : 0)
                | (offset + length == body.Length ? EndBit : 0));
            body.Slice(offset, length).CopyTo(payload.AsSpan(2));
            payloads.Add(payload);
        }
    }
}
