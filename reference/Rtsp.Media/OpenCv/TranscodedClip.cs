using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using Rtsp.Protocol;
using Rtsp.Protocol.Mjpeg;

namespace Rtsp.Media.OpenCv;

/// <summary>
/// A stored source whose frames were decoded with OpenCV and re-encoded by <see cref="Rfc2435JpegEncoder"/>:
/// any video file OpenCV reads (.avi, .mp4, .mkv, .mov, with the file's own frame rate), or a .mjpeg file whose
/// frames RFC 2435 cannot carry. The whole clip is transcoded when it is first opened and kept in memory as JPEG,
/// so GetFrame is O(1) on the pacer thread and every seek is frame-exact, whatever the codec's keyframe spacing.
/// Memory is bounded by <see cref="MaxBytes"/> (about 25 min of 640x480 at 25 fps, quality 80): longer files are refused.
/// </summary>
public sealed class TranscodedClip : IStoredMediaSource
{
    public const long MaxBytes = 1L << 30;

    /// <summary>Frames decoded before they are encoded in parallel (both cores).</summary>
    private const int Batch = 16;

    private readonly byte[][] _frames;

    private TranscodedClip(string path, byte[][] frames, int width, int height, double frameRate)
    {
        Path = path;
        _frames = frames;
        Width = width;
        Height = height;
        FrameRate = frameRate;
    }

    public string Path { get; }

    public int Width { get; }

    public int Height { get; }

    public double FrameRate { get; }

    public bool IsLive => false;

    public int FrameCount => _frames.Length;

    public ReadOnlyMemory<byte> GetFrame(int index) => _frames[index];

    public void Dispose()
    {
    }

    /// <summary>Decodes <paramref name="file"/> with OpenCV's FFmpeg backend; its own frame rate, or <paramref name="fallbackFrameRate"/> when it has none.</summary>
    /// <exception cref="MediaOpenException">not a video OpenCV can read, no frames, or too long to hold.</exception>
    public static TranscodedClip FromVideoFile(string path, string file, double fallbackFrameRate, Rfc2435JpegEncoder encoder, ILogger logger)
    {
        using var capture = new VideoCapture(file, VideoCaptureAPIs.FFMPEG);
        if (!capture.IsOpened())
            throw new MediaOpenException($"{file}: OpenCV (FFmpeg backend) cannot open it as video");
        double fps = FileFrameRate.Read(capture, file, fallbackFrameRate, logger);
        return Transcode(path, file, fps, encoder, logger, Decode(capture));

        static IEnumerable<Mat> Decode(VideoCapture capture)
        {
            while (true)
            {
                var picture = new Mat();
                if (!capture.Read(picture) || picture.Empty())
                {
                    picture.Dispose();
                    yield break;
                }
                yield return picture;
            }
        }
    }

    /// <summary>Decodes each frame of a .mjpeg file (indexed by the core) and re-encodes it, at <paramref name="frameRate"/>.</summary>
    public static TranscodedClip FromMjpeg(string path, MjpegFileIndex index, double frameRate, Rfc2435JpegEncoder encoder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Transcode(path, path, frameRate, encoder, logger, Decode(index));

        static IEnumerable<Mat> Decode(MjpegFileIndex index)
        {
            Mat? previous = null;
            for (int i = 0; i < index.FrameCount; i++)
            {
                var picture = Cv2.ImDecode(index.GetFrame(i).ToArray(), ImreadModes.Color);
                if (picture.Empty())
                {
                    // Keep the timeline: a frame libjpeg cannot decode shows the one before it.
                    picture.Dispose();
                    if (previous is null)
                        continue;
                    picture = previous.Clone();
                }
                previous?.Dispose();
                previous = picture.Clone();
                yield return picture;
            }
            previous?.Dispose();
        }
    }

    private static TranscodedClip Transcode(string path, string file, double fps, Rfc2435JpegEncoder encoder, ILogger logger, IEnumerable<Mat> pictures)
    {
        var watch = Stopwatch.StartNew();
        var frames = new List<byte[]>();
        long bytes = 0;
        var batch = new List<Mat>(Batch);
        try
        {
            foreach (var picture in pictures)
            {
                batch.Add(picture);
                if (batch.Count == Batch)
                    bytes += EncodeBatch(batch, frames, encoder);
                if (bytes > MaxBytes)
                    throw new MediaOpenException($"{file}: more than {MaxBytes >> 20} MiB of JPEG after {frames.Count} frames; too long to serve from memory (cut it, or lower --jpeg-quality / --capture-size)");
            }
            bytes += EncodeBatch(batch, frames, encoder);
        }
        catch (OpenCVException ex)
        {
            throw new MediaOpenException($"{file}: OpenCV failed while decoding: {ex.Message}", ex);
        }
        catch (ProtocolFormatException ex)
        {
            throw new MediaOpenException($"{file}: {ex.Message}", ex);
        }
        finally
        {
            foreach (var left in batch)
                left.Dispose();
        }
        if (frames.Count == 0)
            throw new MediaOpenException($"{file}: no frame could be decoded");
        var first = Protocol.Jpeg.JpegFrameInfo.Parse(frames[0]);
        logger.LogInformation("{Path}: transcoded {Frames} frames ({Width}x{Height}, {Fps:0.###} fps, {MiB:0.0} MiB of JPEG, quality {Quality}) in {Seconds:0.0} s ({Rate:0} frames/s)",
            path, frames.Count, first.Width, first.Height, fps, bytes / 1048576.0, encoder.Quality, watch.Elapsed.TotalSeconds, frames.Count / Math.Max(0.001, watch.Elapsed.TotalSeconds));
        return new TranscodedClip(path, [.. frames], first.Width, first.Height, fps);
    }

    private static long EncodeBatch(List<Mat> batch, List<byte[]> into, Rfc2435JpegEncoder encoder)
    {
        var encoded = new byte[batch.Count][];
        try
        {
            Parallel.For(0, batch.Count, i => encoded[i] = encoder.Encode(batch[i]));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
        foreach (var picture in batch)
            picture.Dispose();
        batch.Clear();
        into.AddRange(encoded);
        return encoded.Sum(e => (long)e.Length);
    }
}
