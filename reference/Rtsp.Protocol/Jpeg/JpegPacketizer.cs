using System.Buffers.Binary;

namespace Rtsp.Protocol.Jpeg;

/// <summary>
/// Splits one parsed frame into RFC 2435 RTP payloads of at most <see cref="MaxPayloadSize"/> bytes: the main
/// JPEG header in each, the restart marker header in each for types 64/65 (F=L=1, count 0x3FFF: fragments are
/// not aligned to restart intervals), and the quantization tables with Q=255 in the first only.
/// Every payload but the last is exactly <see cref="MaxPayloadSize"/> bytes long (the first carries less scan
/// data to make room for the tables), so the fragments of one frame can go out in one UDP GSO send.
/// The caller sets the RTP marker bit on the last payload only (RFC 2435 §3: it ends the frame) and gives
/// all payloads of the frame the same RTP timestamp. Immutable: one instance may serve many sessions and threads.
/// </summary>
public sealed class JpegPacketizer
{
    /// <summary>Q=255: the tables travel in-band with every frame and must not be cached (RFC 2435 §3.1.4).</summary>
    public const byte DynamicQ = 255;

    private const int TablesLength = 2 * JpegQuantizationTables.TableLength;

    public JpegPacketizer(int maxPayloadSize = 1400)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadSize, MinimumPayloadSize);
        MaxPayloadSize = maxPayloadSize;
    }

    /// <summary>Room for all headers of a first fragment (main, restart, table header and tables) plus one scan byte.</summary>
    public static int MinimumPayloadSize => JpegPayloadHeader.MainHeaderLength + JpegPayloadHeader.RestartHeaderLength
        + JpegPayloadHeader.QuantizationHeaderLength + TablesLength + 1;

    public int MaxPayloadSize { get; }

    /// <summary>How many payloads <paramref name="frame"/> needs.</summary>
    public int GetFragmentCount(JpegFrameInfo frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int scan = frame.ScanData.Length;
        int first = FirstCapacity(frame);
        if (scan <= first)
        {
            return 1;
        }

        int other = OtherCapacity(frame);
        return 1 + (((scan - first) + other - 1) / other);
    }

    /// <summary>
    /// Writes payload number <paramref name="index"/> (0-based) into <paramref name="destination"/> and returns
    /// its length. Allocates nothing: a sender can write straight into its datagram buffers.
    /// </summary>
    public int WriteFragment(JpegFrameInfo frame, int index, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int count = GetFragmentCount(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);

        ReadOnlySpan<byte> scan = frame.ScanData.Span;
        (int offset, int length, int headers) = Layout(frame, index);
        if (destination.Length < headers + length)
        {
            throw new ArgumentException($"fragment {index} needs {headers + length} bytes, the destination has {destination.Length}", nameof(destination));
        }

        // §3.1: type-specific, 24-bit fragment offset, type, Q, width/8, height/8.
        destination[0] = 0;
        destination[1] = (byte)(offset >> 16);
        destination[2] = (byte)(offset >> 8);
        destination[3] = (byte)offset;
        destination[4] = frame.Type;
        destination[5] = DynamicQ;
        destination[6] = (byte)(frame.Width / 8);
        destination[7] = (byte)(frame.Height / 8);
        int position = JpegPayloadHeader.MainHeaderLength;

        if (frame.Type >= 64)
        {
            // §3.1.7: F=1, L=1, restart count 0x3FFF = "not aligned, reassemble the whole frame".
            BinaryPrimitives.WriteUInt16BigEndian(destination[position..], (ushort)frame.RestartInterval);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 2)..], 0xFFFF);
            position += JpegPayloadHeader.RestartHeaderLength;
        }

        if (index == 0)
        {
            // §3.1.8: MBZ, precision 0 (both tables 8-bit), length, luma table then chroma table.
            destination[position] = 0;
            destination[position + 1] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 2)..], TablesLength);
            position += JpegPayloadHeader.QuantizationHeaderLength;
            frame.QuantizationTables[0].CopyTo(destination[position..]);
            frame.QuantizationTables[1].CopyTo(destination[(position + 64)..]);
            position += TablesLength;
        }

        scan.Slice(offset, length).CopyTo(destination[position..]);
        return position + length;
    }

    /// <summary>All payloads of the frame in order; set the RTP marker bit on the last one only.</summary>
    public IReadOnlyList<byte[]> Packetize(JpegFrameInfo frame)
    {
        int count = GetFragmentCount(frame);
        var payloads = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            (_, int length, int headers) = Layout(frame, i);
            payloads[i] = new byte[headers + length];
            WriteFragment(frame, i, payloads[i]);
        }

        return payloads;
    }

    /// <summary>Where fragment <paramref name="index"/> starts in the scan, how many scan bytes it carries, and its header length.</summary>
    private (int Offset, int Length, int Headers) Layout(JpegFrameInfo frame, int index)
    {
        int first = FirstCapacity(frame);
        int offset = index == 0 ? 0 : first + ((index - 1) * OtherCapacity(frame));
        int length = Math.Min(index == 0 ? first : OtherCapacity(frame), frame.ScanData.Length - offset);
        return (offset, length, HeaderLength(frame, index == 0));
    }

    private static int HeaderLength(JpegFrameInfo frame, bool first) =>
        JpegPayloadHeader.MainHeaderLength
        + (frame.Type >= 64 ? JpegPayloadHeader.RestartHeaderLength : 0)
        + (first ? JpegPayloadHeader.QuantizationHeaderLength + TablesLength : 0);

    private int FirstCapacity(JpegFrameInfo frame) => MaxPayloadSize - HeaderLength(frame, first: true);

    private int OtherCapacity(JpegFrameInfo frame) => MaxPayloadSize - HeaderLength(frame, first: false);
}
