using System.Buffers.Binary;

namespace Rtsp.Protocol.Jpeg;

/// <summary>
/// The headers at the front of one RFC 2435 RTP payload: the main JPEG header (§3.1), the restart marker header
/// for types 64..127 (§3.1.7) and, in the fragment at offset 0 when Q is 128..255, the quantization table
/// header (§3.1.8). <see cref="DataOffset"/> is where the scan bytes start.
/// </summary>
public readonly record struct JpegPayloadHeader
{
    public const int MainHeaderLength = 8;
    public const int RestartHeaderLength = 4;
    public const int QuantizationHeaderLength = 4;

    /// <summary>§3.1.1 type-specific field (0 for progressive-scan frames).</summary>
    public byte TypeSpecific { get; init; }

    /// <summary>§3.1.2: offset of this fragment's first scan byte in the frame's scan data (24 bits).</summary>
    public int FragmentOffset { get; init; }

    public byte Type { get; init; }

    public byte Q { get; init; }

    /// <summary>Width in pixels (the wire carries width/8).</summary>
    public int Width { get; init; }

    /// <summary>Height in pixels (the wire carries height/8).</summary>
    public int Height { get; init; }

    public bool HasRestartHeader { get; init; }

    public int RestartInterval { get; init; }

    /// <summary>The F bit: this packet starts with the first byte of a restart interval.</summary>
    public bool RestartFirst { get; init; }

    /// <summary>The L bit: this packet ends with the last byte of a restart interval.</summary>
    public bool RestartLast { get; init; }

    /// <summary>14-bit restart count; 0x3FFF means the packet is not aligned to restart intervals.</summary>
    public int RestartCount { get; init; }

    public bool HasQuantizationHeader { get; init; }

    /// <summary>One bit per table: set = 16-bit table (§3.1.8).</summary>
    public byte QuantizationPrecision { get; init; }

    /// <summary>Offset of the table data in the payload.</summary>
    public int QuantizationTablesOffset { get; init; }

    /// <summary>Length of the table data; 0 means "use the tables sent earlier with this Q".</summary>
    public int QuantizationTablesLength { get; init; }

    /// <summary>Offset of the first scan byte in the payload.</summary>
    public int DataOffset { get; init; }

    /// <summary>Reads the headers; throws <see cref="ProtocolFormatException"/> for a payload too short for them.</summary>
    public static JpegPayloadHeader Parse(ReadOnlySpan<byte> payload) =>
        TryParse(payload, out JpegPayloadHeader header, out string? error) ? header : throw new ProtocolFormatException($"RFC 2435 payload: {error}");

    public static bool TryParse(ReadOnlySpan<byte> payload, out JpegPayloadHeader header, out string? error)
    {
        header = default;
        if (payload.Length < MainHeaderLength)
        {
            error = $"{payload.Length} bytes, shorter than the {MainHeaderLength}-byte main JPEG header";
            return false;
        }

        int offset = (payload[1] << 16) | (payload[2] << 8) | payload[3];
        byte type = payload[4];
        byte q = payload[5];
        int position = MainHeaderLength;
        var result = new JpegPayloadHeader
        {
            TypeSpecific = payload[0],
            FragmentOffset = offset,
            Type = type,
            Q = q,
            Width = payload[6] * 8,
            Height = payload[7] * 8,
        };

        if (type is >= 64 and <= 127)
        {
            if (payload.Length < position + RestartHeaderLength)
            {
                error = $"type {type} needs a restart marker header; the payload has {payload.Length} bytes";
                return false;
            }

            ushort flags = BinaryPrimitives.ReadUInt16BigEndian(payload[(position + 2)..]);
            result = result with
            {
                HasRestartHeader = true,
                RestartInterval = BinaryPrimitives.ReadUInt16BigEndian(payload[position..]),
                RestartFirst = (flags & 0x8000) != 0,
                RestartLast = (flags & 0x4000) != 0,
                RestartCount = flags & 0x3FFF,
            };
            position += RestartHeaderLength;
        }

        if (q >= 128 && offset == 0)
        {
            if (payload.Length < position + QuantizationHeaderLength)
            {
                error = $"Q={q} in the first fragment needs a quantization table header; the payload has {payload.Length} bytes";
                return false;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(payload[(position + 2)..]);
            if (payload.Length < position + QuantizationHeaderLength + length)
            {
                error = $"quantization table length {length} runs past the end of the {payload.Length}-byte payload";
                return false;
            }

            result = result with
            {
                HasQuantizationHeader = true,
                QuantizationPrecision = payload[position + 1],
                QuantizationTablesOffset = position + QuantizationHeaderLength,
                QuantizationTablesLength = length,
            };
            position += QuantizationHeaderLength + length;
        }

        header = result with { DataOffset = position };
        error = null;
        return true;
    }
}
