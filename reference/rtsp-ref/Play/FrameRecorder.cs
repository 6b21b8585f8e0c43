using Rtsp.Client.Media;

namespace Rtsp.Ref.Play;

/// <summary>
/// Writes received frames one after the other into a file: for JPEG a raw MJPEG stream of concatenated JFIF
/// images (ffmpeg reads it as format "mjpeg", the reference server serves it as it is), for H.264 an Annex B
/// elementary stream (.h264: ffmpeg, ffplay and OpenCV read it) that starts at a keyframe with its SPS and PPS.
/// Only complete frames reach here (the receiver drops incomplete ones), so the file has no broken frames.
/// </summary>
public sealed class FrameRecorder : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _file;

    public FrameRecorder(string path)
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
            _file.Write(frame.Data);
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
