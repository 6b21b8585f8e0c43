namespace Rtsp.Protocol.Jpeg;

/// <summary>
/// The quantization tables RFC 2435 §4.2 / Appendix A derives from a Q factor of 1..99: the ITU T.81 Annex K.1/K.2
/// example tables scaled as the IJG library does. Tables are returned in zigzag order, as DQT carries them.
/// </summary>
public static class JpegQuantizationTables
{
    /// <summary>Number of entries in one table.</summary>
    public const int TableLength = 64;

    /// <summary>T.81 Table K.1 (luminance) in zigzag order.</summary>
    private static ReadOnlySpan<byte> LuminanceZigzag =>
    [
        16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40,
        26, 24, 22, 22, 24, 49, 35, 37, 29, 40, 58, 51, 61, 60, 57, 51,
        56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87,
        95, 98, 103, 104, 103, 62, 77, 113, 121, 112, 100, 120, 92, 101, 103, 99,
    ];

    /// <summary>T.81 Table K.2 (chrominance) in zigzag order.</summary>
    private static ReadOnlySpan<byte> ChrominanceZigzag =>
    [
        17, 18, 18, 24, 21, 24, 47, 26, 26, 47, 99, 66, 56, 66, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    ];

    /// <summary>
    /// Writes the luminance table then the chrominance table (128 bytes, zigzag order) for Q = 1..99
    /// (RFC 2435 Appendix A MakeTables).
    /// </summary>
    public static void Write(int q, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 99);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 2 * TableLength, nameof(destination));
        int scale = q < 50 ? 5000 / q : 200 - (q * 2);
        Scale(LuminanceZigzag, scale, destination[..TableLength]);
        Scale(ChrominanceZigzag, scale, destination.Slice(TableLength, TableLength));
    }

    /// <summary>The two tables for Q = 1..99: [0] luminance, [1] chrominance.</summary>
    public static byte[][] FromQ(int q)
    {
        var both = new byte[2 * TableLength];
        Write(q, both);
        return [both[..TableLength], both[TableLength..]];
    }

    private static void Scale(ReadOnlySpan<byte> baseTable, int scale, Span<byte> destination)
    {
        for (int i = 0; i < TableLength; i++)
        {
            // Appendix A: (base * q + 50) / 100, limited to 1..255.
            destination[i] = (byte)Math.Clamp(((baseTable[i] * scale) + 50) / 100, 1, 255);
        }
    }
}
