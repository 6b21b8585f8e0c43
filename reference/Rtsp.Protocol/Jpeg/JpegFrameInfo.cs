namespace Rtsp.Protocol.Jpeg;

/// <summary>
/// What RFC 2435 needs from one baseline JFIF frame: size, payload type, the two quantization tables, the
/// restart interval and the entropy-coded scan. <see cref="Parse"/> accepts only frames a receiver can rebuild
/// exactly from the RTP/JPEG headers and rejects the rest with a <see cref="JpegRejectReason"/>.
/// </summary>
public sealed class JpegFrameInfo
{
    /// <summary>RFC 2435 §3.1.5/§3.1.6: the size is sent divided by 8 in one byte.</summary>
    public const int MaxDimension = 255 * 8;

    /// <summary>RFC 2435 §3.1.2: the fragment offset has 24 bits.</summary>
    public const int MaxScanLength = (1 << 24) - 1;

    internal JpegFrameInfo(int width, int height, byte type, byte[][] tables, int restartInterval, ReadOnlyMemory<byte> scan)
    {
        Width = width;
        Height = height;
        Type = type;
        QuantizationTables = tables;
        RestartInterval = restartInterval;
        ScanData = scan;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>RFC 2435 §4.1 type: 0 = 4:2:2 (Y 2x1), 1 = 4:2:0 (Y 2x2); +64 when a restart interval is set (§3.1.7).</summary>
    public byte Type { get; }

    /// <summary>[0] luminance, [1] chrominance: 64 bytes each in zigzag order, as in DQT (RFC 2435 §3.1.8).</summary>
    public byte[][] QuantizationTables { get; }

    /// <summary>MCUs between restart markers (DRI); 0 when the frame has none.</summary>
    public int RestartInterval { get; }

    /// <summary>The entropy-coded data after the SOS header, up to (not including) the EOI marker.</summary>
    public ReadOnlyMemory<byte> ScanData { get; }

    /// <summary>Parses a JFIF frame; throws <see cref="JpegFormatException"/> naming why it cannot be sent.</summary>
    public static JpegFrameInfo Parse(ReadOnlyMemory<byte> jfif)
    {
        var parser = new JpegFrameParser(jfif);
        return parser.Run() ?? throw new JpegFormatException(parser.ErrorReason, parser.ErrorMessage!);
    }

    /// <summary>As <see cref="Parse"/>, but returns false with the reason instead of throwing.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> jfif, out JpegFrameInfo? frame, out JpegRejectReason? reason)
    {
        var parser = new JpegFrameParser(jfif);
        frame = parser.Run();
        reason = frame is null ? parser.ErrorReason : null;
        return frame is not null;
    }
}
