using Microsoft.Win32.SafeHandles;

namespace Rtsp.Protocol.Mjpeg;

/// <summary>
/// The frames of an MJPEG file (JPEG images concatenated, as <c>ffmpeg -f mjpeg</c> writes them): offsets and
/// lengths found in one forward scan, then any frame read in O(1). A file-backed index keeps only the offsets
/// in memory and reads a frame on demand with a positional read, so it is safe to read from several threads.
/// </summary>
public sealed class MjpegFileIndex : IDisposable
{
    private readonly long[] _offsets;
    private readonly int[] _lengths;
    private readonly byte[]? _bytes;
    private readonly SafeFileHandle? _file;

    private MjpegFileIndex(MjpegFrameScanner scanner, byte[]? bytes, SafeFileHandle? file)
    {
        _offsets = [.. scanner.Offsets];
        _lengths = [.. scanner.Lengths];
        _bytes = bytes;
        _file = file;
        TruncatedTail = scanner.TruncatedTail;
        MaxFrameLength = _lengths.Max();
    }

    public int FrameCount => _offsets.Length;

    /// <summary>Byte offset of each frame's SOI marker.</summary>
    public IReadOnlyList<long> Offsets => _offsets;

    /// <summary>Length of each frame, SOI through EOI.</summary>
    public IReadOnlyList<int> Lengths => _lengths;

    /// <summary>The longest frame: a buffer this large fits any frame for <see cref="ReadFrame"/>.</summary>
    public int MaxFrameLength { get; }

    /// <summary>
    /// Null for a well-formed file. When <see cref="MjpegIndexOptions.AcceptTruncatedLastFrame"/> let a cut-off
    /// last frame through, says where it started and how many complete frames precede it.
    /// </summary>
    public string? TruncatedTail { get; }

    /// <summary>Indexes the file at <paramref name="path"/>; throws <see cref="MjpegFormatException"/> for an empty, non-JPEG or truncated file.</summary>
    public static MjpegFileIndex Open(string path, MjpegIndexOptions? options = null)
    {
        MjpegFrameScanner scanner;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan))
        {
            scanner = new MjpegFrameScanner(stream, options ?? new MjpegIndexOptions());
            scanner.Run();
        }

        // A second handle for positional reads: the scan's stream would close it on dispose.
        SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        return new MjpegFileIndex(scanner, bytes: null, file);
    }

    /// <summary>Indexes an MJPEG stream held in memory; <see cref="GetFrame"/> then returns slices of <paramref name="data"/>.</summary>
    public static MjpegFileIndex FromBytes(byte[] data, MjpegIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var stream = new MemoryStream(data, writable: false);
        var scanner = new MjpegFrameScanner(stream, options ?? new MjpegIndexOptions());
        scanner.Run();
        return new MjpegFileIndex(scanner, data, file: null);
    }

    /// <summary>Frame <paramref name="index"/>, SOI through EOI. File-backed indexes read it into a new array.</summary>
    public ReadOnlyMemory<byte> GetFrame(int index)
    {
        CheckIndex(index);
        if (_bytes is not null)
        {
            return _bytes.AsMemory((int)_offsets[index], _lengths[index]);
        }

        var frame = new byte[_lengths[index]];
        ReadFrame(index, frame);
        return frame;
    }

    /// <summary>Copies frame <paramref name="index"/> into <paramref name="destination"/> without allocating; returns its length.</summary>
    public int ReadFrame(int index, Span<byte> destination)
    {
        CheckIndex(index);
        int length = _lengths[index];
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, length, nameof(destination));
        if (_bytes is not null)
        {
            _bytes.AsSpan((int)_offsets[index], length).CopyTo(destination);
            return length;
        }

        ObjectDisposedException.ThrowIf(_file!.IsClosed, this);
        int done = 0;
        while (done < length)
        {
            int read = RandomAccess.Read(_file, destination[done..length], _offsets[index] + done);
            if (read <= 0)
            {
                throw new MjpegFormatException($"frame {index} at offset {_offsets[index]}: the file became shorter after it was indexed");
            }

            done += read;
        }

        return length;
    }

    public void Dispose() => _file?.Dispose();

    private void CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _offsets.Length);
    }
}
