using Microsoft.Extensions.Logging;
using Rtsp.Media.Files;
using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Mjpeg;

namespace Rtsp.Media.OpenCv;

/// <summary>
/// Turns a file under the media root into a source: a .mjpeg whose every frame RFC 2435 can carry is sent as
/// it is (<see cref="MjpegFileSource"/>); a .mjpeg with frames it cannot carry (4:4:4, optimized Huffman tables,
/// progressive, larger than 2040 px, sides not multiples of 8) is transcoded, with a log line naming the first
/// such frame and the reason; .avi, .mp4, .mkv and .mov are decoded with OpenCV and transcoded, except with
/// <see cref="VideoCodecMode.Copy"/>, where an H.264 stream is served as it is (<see cref="H264FileSource"/>) and
/// only other codecs are transcoded (with a log line saying why).
/// </summary>
public sealed class MediaFileOpener(double mjpegFrameRate, Rfc2435JpegEncoder encoder, ILogger logger, VideoCodecMode codec = VideoCodecMode.Jpeg)
{
    /// <summary>Containers decoded through OpenCV's FFmpeg backend.</summary>
    public static readonly IReadOnlyList<string> VideoExtensions = [".avi", ".mp4", ".mkv", ".mov"];

    public const string MjpegExtension = ".mjpeg";

    /// <summary>True for every file name this opener serves (.mjpeg and the video containers, any case).</summary>
    public static bool IsServed(string fileName)
    {
        string extension = System.IO.Path.GetExtension(fileName);
        return extension.Equals(MjpegExtension, StringComparison.OrdinalIgnoreCase)
            || VideoExtensions.Any(v => v.Equals(extension, StringComparison.OrdinalIgnoreCase));
    }

    /// <exception cref="Rtsp.Protocol.ProtocolFormatException">a .mjpeg that is not MJPEG at all.</exception>
    /// <exception cref="MediaOpenException">a video OpenCV cannot read.</exception>
    public IStoredMediaSource Open(string path, string file)
    {
        if (!System.IO.Path.GetExtension(file).Equals(MjpegExtension, StringComparison.OrdinalIgnoreCase))
            return OpenVideo(path, file);
        using (var index = MjpegFileIndex.Open(file))
        {
            if (FirstUncarriableFrame(index) is not { } problem)
                return new MjpegFileSource(path, file, mjpegFrameRate);
            logger.LogWarning("{File}: frame {Frame} cannot be sent over RTP/JPEG ({Reason}: {Detail}); transcoding the file to baseline 4:2:0 JPEG with standard Huffman tables",
                file, problem.Frame, problem.Reason, problem.Detail);
            return TranscodedClip.FromMjpeg(path, index, mjpegFrameRate, encoder, logger);
        }
    }

    private IStoredMediaSource OpenVideo(string path, string file)
    {
        if (codec == VideoCodecMode.Copy)
        {
            if (H264FileSource.TryOpen(path, file, mjpegFrameRate, logger, out string? whyNot) is { } h264)
                return h264;
            logger.LogWarning("{File}: not served as H.264 ({Reason}); transcoding it to RFC 2435 JPEG", file, whyNot);
        }
        return TranscodedClip.FromVideoFile(path, file, mjpegFrameRate, encoder, logger);
    }

    /// <summary>The first frame RFC 2435 cannot carry as it is, or null when all can (header parse only: cheap).</summary>
    public static (int Frame, JpegRejectReason Reason, string Detail)? FirstUncarriableFrame(MjpegFileIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        for (int i = 0; i < index.FrameCount; i++)
        {
            try
            {
                JpegFrameInfo.Parse(index.GetFrame(i));
            }
            catch (JpegFormatException ex)
            {
                return (i, ex.Reason, ex.Message);
            }
        }
        return null;
    }
}
