using System.Buffers.Binary;

namespace Rtsp.Protocol.Jpeg;

/// <summary>
/// Rebuilds the JFIF headers an RFC 2435 receiver puts in front of the scan data (RFC 2435 Appendix B):
/// SOI, DQT (luma table 0, chroma table 1), SOF0 with the sampling of the type, DHT with the T.81 K.3
/// standard tables, DRI for types 64..127, SOS. The caller appends the scan and EOI.
/// </summary>
public static class JpegHeaderBuilder
{
    private const int DqtLength = 2 + 2 + (2 * 65);
    private const int SofLength = 2 + 17;
    private const int DriLength = 6;
    private const int SosLength = 2 + 12;

    private static int DhtLength => 2 + 2 + 4 + StandardHuffmanTables.LuminanceDc.Length + StandardHuffmanTables.LuminanceAc.Length
        + StandardHuffmanTables.ChrominanceDc.Length + StandardHuffmanTables.ChrominanceAc.Length;

    /// <summary>Length of the headers <see cref="Write"/> produces.</summary>
    public static int GetLength(int restartInterval) =>
        2 + DqtLength + SofLength + DhtLength + (restartInterval > 0 ? DriLength : 0) + SosLength;

    /// <summary>The headers for a type 0/1/64/65 frame of <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    /// <param name="qtables">[0] luminance, [1] chrominance, 64 bytes each in zigzag order.</param>
    /// <param name="restartInterval">MCUs per restart interval; 0 writes no DRI.</param>
    public static byte[] Build(int type, int width, int height, byte[][] qtables, int restartInterval)
    {
        ArgumentNullException.ThrowIfNull(qtables);
        if (qtables.Length != 2)
        {
            throw new ArgumentException("two quantization tables are needed: luminance then chrominance", nameof(qtables));
        }

        var headers = new byte[GetLength(restartInterval)];
        Write(headers, type, width, height, qtables[0], qtables[1], restartInterval);
        return headers;
    }

    /// <summary>Writes the headers into <paramref name="destination"/> and returns their length.</summary>
    public static int Write(Span<byte> destination, int type, int width, int height, ReadOnlySpan<byte> lumaTable, ReadOnlySpan<byte> chromaTable, int restartInterval)
    {
        if ((type & ~64) is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "RFC 2435 types 0, 1, 64 and 65 only");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(restartInterval);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(restartInterval, ushort.MaxValue);
        if (lumaTable.Length != 64 || chromaTable.Length != 64)
        {
            throw new ArgumentException("quantization tables have 64 entries");
        }

        int length = GetLength(restartInterval);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, length, nameof(destination));

        int p = 0;
        p = Marker(destination, p, JpegMarkers.Soi);

        p = Segment(destination, p, JpegMarkers.Dqt, DqtLength - 2);
        destination[p++] = 0; // Pq=0 (8-bit), Tq=0
        lumaTable.CopyTo(destination[p..]);
        p += 64;
        destination[p++] = 1; // Pq=0, Tq=1
        chromaTable.CopyTo(destination[p..]);
        p += 64;

        // Component ids 0, 1, 2 as in RFC 2435 Appendix B; type 0 = Y 2x1 (4:2:2), type 1 = Y 2x2 (4:2:0).
        p = Segment(destination, p, JpegMarkers.Sof0, SofLength - 2);
        destination[p++] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(destination[p..], (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(p + 2)..], (ushort)width);
        p += 4;
        destination[p++] = 3;
        destination[p++] = 0;
        destination[p++] = (type & 1) == 0 ? (byte)0x21 : (byte)0x22;
        destination[p++] = 0;
        destination[p++] = 1;
        destination[p++] = 0x11;
        destination[p++] = 1;
        destination[p++] = 2;
        destination[p++] = 0x11;
        destination[p++] = 1;

        p = Segment(destination, p, JpegMarkers.Dht, DhtLength - 2);
        p = HuffmanTable(destination, p, 0x00, StandardHuffmanTables.LuminanceDc);
        p = HuffmanTable(destination, p, 0x10, StandardHuffmanTables.LuminanceAc);
        p = HuffmanTable(destination, p, 0x01, StandardHuffmanTables.ChrominanceDc);
        p = HuffmanTable(destination, p, 0x11, StandardHuffmanTables.ChrominanceAc);

        if (restartInterval > 0)
        {
            p = Segment(destination, p, JpegMarkers.Dri, DriLength - 2);
            BinaryPrimitives.WriteUInt16BigEndian(destination[p..], (ushort)restartInterval);
            p += 2;
        }

        p = Segment(destination, p, JpegMarkers.Sos, SosLength - 2);
        destination[p++] = 3;
        destination[p++] = 0;
        destination[p++] = 0x00; // Y: DC table 0, AC table 0
        destination[p++] = 1;
        destination[p++] = 0x11; // Cb: DC table 1, AC table 1
        destination[p++] = 2;
        destination[p++] = 0x11;
        destination[p++] = 0;  // Ss
        destination[p++] = 63; // Se
        destination[p++] = 0;  // Ah/Al
        return p;
    }

    private static int Marker(Span<byte> destination, int p, byte marker)
    {
        destination[p] = JpegMarkers.Prefix;
        destination[p + 1] = marker;
        return p + 2;
    }

    private static int Segment(Span<byte> destination, int p, byte marker, int length)
    {
        p = Marker(destination, p, marker);
        BinaryPrimitives.WriteUInt16BigEndian(destination[p..], (ushort)length);
        return p + 2;
    }

    private static int HuffmanTable(Span<byte> destination, int p, byte classAndId, ReadOnlySpan<byte> table)
    {
        destination[p++] = classAndId;
        table.CopyTo(destination[p..]);
        return p + table.Length;
    }
}
