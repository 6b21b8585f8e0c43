using System.Globalization;
using Rtsp.Client.Media;

namespace Rtsp.Ref.Play;

/// <summary>Saves the first frame and then one frame per second of stream time as <c>frame-NNNNNN.jpg</c>
/// (NNNNNN = the client's frame count), so a run leaves a few pictures to look at, not thousands. H.264 frames
/// are decoded to JPEG (<see cref="H264KeyframeDecoder"/>): only keyframes, the first one at least a second after
/// the last snapshot.</summary>
public sealed class SnapshotWriter
{
    private readonly string _directory;
    private readonly Lock _gate = new();
    private uint? _lastTimestamp;

    public SnapshotWriter(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public int Saved { get; private set; }

    public void Offer(VideoFrame frame, int clockRate = 90000)
    {
        lock (_gate)
        {
            if (_lastTimestamp is { } last && (uint)(frame.RtpTimestamp - last) < clockRate)
            {
                return;
            }

            var jpeg = frame.Encoding == VideoEncoding.H264 ? H264KeyframeDecoder.ToJpeg(frame) : frame.Data;
            if (jpeg is null)
            {
                return;
            }

            _lastTimestamp = frame.RtpTimestamp;
            var name = string.Create(CultureInfo.InvariantCulture, $"frame-{frame.Number:D6}.jpg");
            File.WriteAllBytes(Path.Combine(_directory, name), jpeg);
            Saved++;
        }
    }
}
