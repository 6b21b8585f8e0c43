using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Mjpeg;

/// <summary>
/// Finds the frames of a concatenated-JPEG stream without decoding them. Marker segments are skipped by their
/// length (an APPn segment or an embedded EXIF thumbnail may contain FF D8 / FF D9), and only entropy-coded data
/// is searched for the EOI marker: there an FF byte is always followed by 00 (stuffing), RSTn, fill or a marker
/// (ITU T.81 B.1.1.5), so FF D9 cannot occur by accident. Progressive frames with several scans are followed
/// through each scan. Reads the stream once, forward, through a 64 KiB buffer.
/// </summary>
internal sealed class MjpegFrameScanner
{
    private const byte Prefix = JpegMarkers.Prefix;

    private readonly Stream _stream;
    private readonly MjpegIndexOptions _options;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _bufferStart;
    private int _bufferEnd;
    private long _bufferPosition; // stream position of _buffer[0]

    public MjpegFrameScanner(Stream stream, MjpegIndexOptions options)
    {
        _stream = stream;
        _options = options;
        _bufferPosition = stream.CanSeek ? stream.Position : 0;
    }

    private long Position => _bufferPosition + _bufferStart;

    public List<long> Offsets { get; } = [];

    public List<int> Lengths { get; } = [];

    /// <summary>Set when the last frame was cut off and the options allowed keeping the frames before it.</summary>
    public string? TruncatedTail { get; private set; }

    public void Run()
    {
        while (true)
        {
            long frameStart = Position;
            int first = ReadByte();
            if (first < 0)
            {
                break;
            }

            int second = ReadByte();
            if (first != Prefix || second != JpegMarkers.Soi)
            {
                throw new MjpegFormatException(Offsets.Count == 0
                    ? $"not an MJPEG file: no JPEG start-of-image marker (FF D8) at offset {frameStart}"
                    : $"non-JPEG data at offset {frameStart} after {Offsets.Count} complete frame(s): expected FF D8, found {Describe(first, second)}");
            }

            long end = FindFrameEnd(frameStart);
            if (end < 0)
            {
                string message = $"the file is truncated: the frame starting at offset {frameStart} has no end-of-image marker (FF D9); {Offsets.Count} complete frame(s) before it";
                if (!_options.AcceptTruncatedLastFrame)
                {
                    throw new MjpegFormatException(message + ". Open with AcceptTruncatedLastFrame to use them.");
                }

                TruncatedTail = message;
                break;
            }

            Offsets.Add(frameStart);
            Lengths.Add((int)(end - frameStart));
        }

        if (Offsets.Count == 0)
        {
            throw new MjpegFormatException(TruncatedTail ?? "the file is empty: no JPEG frames");
        }
    }

    /// <summary>The stream position just after the frame's EOI, or -1 at the end of the stream.</summary>
    private long FindFrameEnd(long frameStart)
    {
        // Each iteration consumes at least one byte.
        while (true)
        {
            CheckFrameLength(frameStart);

            long markerOffset = Position;
            int b = ReadByte();
            if (b < 0)
            {
                return -1;
            }

            if (b != Prefix)
            {
                throw new MjpegFormatException($"corrupt JPEG frame starting at offset {frameStart}: expected a marker at offset {markerOffset}, found 0x{b:X2}");
            }

            int marker = ReadMarkerCode();
            if (marker < 0)
            {
                return -1;
            }

            if (marker == JpegMarkers.Eoi)
            {
                return Position;
            }

            if (marker == JpegMarkers.Soi)
            {
                throw new MjpegFormatException($"corrupt JPEG frame starting at offset {frameStart}: a second start-of-image marker at offset {markerOffset}");
            }

            if (JpegMarkers.IsStandalone((byte)marker))
            {
                continue; // standalone markers have no length
            }

            int high = ReadByte();
            int low = ReadByte();
            if (low < 0)
            {
                return -1;
            }

            int length = (high << 8) | low;
            if (length < 2)
            {
                throw new MjpegFormatException($"corrupt JPEG frame starting at offset {frameStart}: marker FF {marker:X2} at offset {markerOffset} has length {length}");
            }

            if (!Skip(length - 2))
            {
                return -1;
            }

            if (marker == JpegMarkers.Sos)
            {
                int next = SkipEntropyCodedData(frameStart);
                if (next < 0)
                {
                    return -1;
                }

                if (next == JpegMarkers.Eoi)
                {
                    return Position;
                }

                // Another marker after a scan (DHT, SOS of a progressive frame, DNL): step back to it.
                _bufferStart -= 2;
            }
        }
    }

    /// <summary>Reads past FF fill bytes; returns the marker code, or -1 at the end of the stream.</summary>
    private int ReadMarkerCode()
    {
        int b;
        do
        {
            b = ReadByte();
        }
        while (b == Prefix);
        return b;
    }

    /// <summary>
    /// Advances past entropy-coded data to the first real marker; returns its code with the position just after
    /// it (so FF and the code are the two bytes before), or -1 at the end of the stream.
    /// </summary>
    private int SkipEntropyCodedData(long frameStart)
    {
        while (true)
        {
            CheckFrameLength(frameStart);

            if (!EnsureBuffered(1))
            {
                return -1;
            }

            if (!SkipPastInBuffer(Prefix) || !EnsureBuffered(1))
            {
                continue; // not in this buffer (or FF was its last byte): refill and look on
            }

            byte next = _buffer[_bufferStart];
            if (next == 0x00 || next is >= JpegMarkers.Rst0 and <= JpegMarkers.Rst7)
            {
                _bufferStart++;
                continue;
            }

            if (next == Prefix)
            {
                continue; // fill byte: the next FF may start the marker
            }

            // Keep FF and the code adjacent in the buffer so the caller can step back over both.
            _bufferStart++;
            return next;
        }
    }

    private int ReadByte()
    {
        if (!EnsureBuffered(1))
        {
            return -1;
        }

        return _buffer[_bufferStart++];
    }

    /// <summary>Advances past the next <paramref name="value"/> in the buffered bytes, or past all of them if there is none.</summary>
    private bool SkipPastInBuffer(byte value)
    {
        int found = _buffer.AsSpan(_bufferStart, _bufferEnd - _bufferStart).IndexOf(value);
        if (found < 0)
        {
            _bufferStart = _bufferEnd;
            return false;
        }

        _bufferStart += found + 1;
        return true;
    }

    private bool Skip(long count)
    {
        int buffered = _bufferEnd - _bufferStart;
        if (count <= buffered)
        {
            _bufferStart += (int)count;
            return true;
        }

        long target = Position + count;
        if (_stream.CanSeek)
        {
            if (target > _stream.Length)
            {
                return false;
            }

            _stream.Position = target;
            _bufferPosition = target;
            _bufferStart = 0;
            _bufferEnd = 0;
            return true;
        }

        while (Position < target)
        {
            if (!EnsureBuffered(1))
            {
                return false;
            }

            _bufferStart += (int)Math.Min(_bufferEnd - _bufferStart, target - Position);
        }

        return true;
    }

    /// <summary>
    /// Makes at least <paramref name="count"/> bytes available at _bufferStart, keeping the two bytes before it
    /// (the step back over a marker needs them).
    /// </summary>
    private bool EnsureBuffered(int count)
    {
        if (_bufferEnd - _bufferStart >= count)
        {
            return true;
        }

        int keep = Math.Min(2, _bufferStart);
        int from = _bufferStart - keep;
        int remaining = _bufferEnd - from;
        Array.Copy(_buffer, from, _buffer, 0, remaining);
        _bufferPosition += from;
        _bufferStart = keep;
        _bufferEnd = remaining;
        while (_bufferEnd - _bufferStart < count)
        {
            int read = _stream.Read(_buffer, _bufferEnd, _buffer.Length - _bufferEnd);
            if (read <= 0)
            {
                return false;
            }

            _bufferEnd += read;
        }

        return true;
    }

    /// <summary>Stops a frame whose EOI is missing from swallowing the rest of a large file.</summary>
    private void CheckFrameLength(long frameStart)
    {
        if (Position - frameStart > _options.MaxFrameLength)
        {
            throw new MjpegFormatException($"the frame starting at offset {frameStart} is longer than {_options.MaxFrameLength} bytes without an end-of-image marker");
        }
    }

    private static string Describe(int first, int second) =>
        second < 0 ? $"0x{first:X2} and the end of the file" : $"0x{first:X2} 0x{second:X2}";
}
