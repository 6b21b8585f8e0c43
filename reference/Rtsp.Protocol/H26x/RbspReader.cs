namespace Rtsp.Protocol.H26x;

/// <summary>
/// Reads the bits of a NAL unit's payload (RBSP) after removing emulation prevention bytes (00 00 03 -> 00 00,
/// ITU-T H.264 / H.265 §7.4.2): fixed-width fields and Exp-Golomb codes (§9.1). Every read past the end, and every
/// Exp-Golomb code longer than 32 bits, throws <see cref="H26xFormatException"/> — nothing else.
/// </summary>
internal sealed class RbspReader
{
    private readonly byte[] _rbsp;
    private int _bit;

    public RbspReader(ReadOnlySpan<byte> nalPayload)
    {
        var rbsp = new byte[nalPayload.Length];
        int length = 0;
        int zeros = 0;
        foreach (byte b in nalPayload)
        {
            if (zeros >= 2 && b == 3)
            {
                zeros = 0;
                continue;
            }

            zeros = b == 0 ? zeros + 1 : 0;
            rbsp[length++] = b;
        }

        _rbsp = rbsp[..length];
    }

    public uint Bits(int count)
    {
        uint value = 0;
        for (int i = 0; i < count; i++)
        {
            value = (value << 1) | Bit();
        }

        return value;
    }

    public bool Flag() => Bit() == 1;

    public void Skip(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Bit();
        }
    }

    /// <summary>ue(v).</summary>
    public uint UnsignedExpGolomb()
    {
        int leadingZeros = 0;
        while (Bit() == 0)
        {
            if (++leadingZeros > 31)
            {
                throw new H26xFormatException(H26xRejectReason.MalformedParameter, "an Exp-Golomb code longer than 32 bits");
            }
        }

        return (uint)((1L << leadingZeros) - 1 + Bits(leadingZeros));
    }

    /// <summary>se(v).</summary>
    public int SignedExpGolomb()
    {
        uint code = UnsignedExpGolomb();
        return (code & 1) == 1 ? (int)((code + 1) / 2) : -(int)(code / 2);
    }

    private uint Bit()
    {
        if (_bit >= _rbsp.Length * 8)
        {
            throw new H26xFormatException(H26xRejectReason.TooShort, $"a parameter set ends after {_rbsp.Length} bytes, in the middle of a field");
        }

        uint value = (uint)(_rbsp[_bit >> 3] >> (7 - (_bit & 7))) & 1;
        _bit++;
        return value;
    }
}
