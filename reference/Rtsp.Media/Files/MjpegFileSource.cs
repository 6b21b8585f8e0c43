using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Mjpeg;

namespace Rtsp.Media.Files;

/// <summary>
/// A raw .mjpeg file (concatenated JPEG frames, no container, no timing) served as a stored source at a
/// configured frame rate. The frame index comes from the core's <see cref="MjpegFileIndex"/>; the size from
/// the first frame, which must be RFC 2435-carriable (checked here so a bad file fails at DESCRIBE, not mid-play).
/// </summary>
public sealed class MjpegFileSource : IStoredMediaSource
{
    private readonly MjpegFileIndex _index;

    /// <exception cref="ProtocolFormatException">the file is not MJPEG, or its first frame cannot be sent over RTP.</exception>
    public MjpegFileSource(string path, string file, double frameRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameRate);
        Path = path;
        FrameRate = frameRate;
        _index = MjpegFileIndex.Open(file);
        try
        {
            if (_index.FrameCount == 0)
                throw new MjpegFormatException($"{file}: no JPEG frames");
            var first = JpegFrameInfo.Parse(_index.GetFrame(0));
            Width = first.Width;
            Height = first.Height;
        }
        catch
        {
            _index.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public int Width { get; }

    public int Height { get; }

    public double FrameRate { get; }

    public bool IsLive => false;

    public int FrameCount => _index.FrameCount;

    public ReadOnlyMemory<byte> GetFrame(int index) => _index.GetFrame(index);

    public void Dispose() => _index.Dispose();
}
