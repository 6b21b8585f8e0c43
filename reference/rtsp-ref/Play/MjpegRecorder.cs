using Rtsp.Client.Media;

namespace Rtsp.Ref.Play;

/// <summary>
/// Writes received frames one after the other into a .mjpeg file: a raw MJPEG stream of concatenated JFIF images,
/// which ffmpeg/ffprobe read as format "mjpeg" and the reference server serves as it is. Only complete frames
/// reach here (the depacketizer drops incomplete ones), so the file has no broken frames.
/// </summary>
public sealed class MjpegRecorder : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _file;

    public MjpegRecorder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
    }

    public string Path { get; }

    public long FramesWritten { get; private set; }

    public void Write(VideoFrame frame)
    {
        lock (_gate)
        {
            _file.Write(frame.Jpeg);
            FramesWritten++;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }
}
