namespace Rtsp.Protocol.H26x;

/// <summary>
/// Splits an H.264/H.265 byte stream in Annex B format (ITU-T H.264 Annex B: NAL units each preceded by a
/// 3- or 4-byte start code 00 00 01 / 00 00 00 01) into its NAL units, without the start codes and without the
/// trailing zero bytes that may follow a NAL unit (trailing_zero_8bits). Bytes before the first start code are
/// not a NAL unit and are skipped. The units are slices of the input, not copies.
/// </summary>
public static class AnnexBSplitter
{
    /// <summary>The NAL units of <paramref name="stream"/> in order; empty when it holds no start code.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> stream)
    {
        var units = new List<ReadOnlyMemory<byte>>();
        ReadOnlySpan<byte> span = stream.Span;
        int start = FindStartCode(span, 0);
        while (start >= 0)
        {
            int unitStart = start + StartCodePrefix.Length;
            int next = FindStartCode(span, unitStart);
            int unitEnd = next < 0 ? span.Length : next;
            // A 4-byte start code (or trailing_zero_8bits) leaves zeros at the end of the previous unit: a NAL
            // unit never ends in 0x00 (rbsp_trailing_bits end in a 1 bit, then cabac_zero_words are 00 00 03).
            while (unitEnd > unitStart && span[unitEnd - 1] == 0)
            {
                unitEnd--;
            }

            if (unitEnd > unitStart)
            {
                units.Add(stream[unitStart..unitEnd]);
            }

            start = next;
        }

        return units;
    }

    /// <summary>Writes <paramref name="units"/> as Annex B (4-byte start code before each) to <paramref name="output"/>.</summary>
    public static void Write(Stream output, IEnumerable<ReadOnlyMemory<byte>> units)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(units);
        foreach (var unit in units)
        {
            output.Write(StartCode);
            output.Write(unit.Span);
        }
    }

    /// <summary>The 4-byte start code (zero_byte + start_code_prefix_one_3bytes) written before every unit.</summary>
    public static ReadOnlySpan<byte> StartCode => [0, 0, 0, 1];

    /// <summary>Position of the next 00 00 01 at or after <paramref name="from"/>, -1 when none.</summary>
    private static int FindStartCode(ReadOnlySpan<byte> span, int from)
    {
        if (from >= span.Length)
        {
            return -1;
        }

        int found = span[from..].IndexOf(StartCodePrefix);
        return found < 0 ? -1 : from + found;
    }

    /// <summary>start_code_prefix_one_3bytes; the zero_byte of a 4-byte code is trimmed as a trailing zero.</summary>
    private static ReadOnlySpan<byte> StartCodePrefix => [0, 0, 1];
}
