using OpenCvSharp;
using Rtsp.Client.Media;

namespace Rtsp.Ref.Play;

/// <summary>
/// Decodes one H.264 keyframe (an access unit with its IDR and, as the client hands it over, SPS and PPS in
/// front) to a JPEG with OpenCV's FFmpeg backend. OpenCV has no decoder API for single packets, only
/// VideoCapture on a file, so the unit is written to a temp .h264 file, read back and deleted. Only keyframes
/// decode on their own: other access units refer to earlier pictures.
/// </summary>
public static class H264KeyframeDecoder
{
    /// <summary>The picture as JPEG, or null when it is not a keyframe or does not decode.</summary>
    public static byte[]? ToJpeg(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Encoding != VideoEncoding.H264 || !frame.IsKeyframe)
        {
            return null;
        }

        string file = Path.Combine(Path.GetTempPath(), $"rtsp-ref-keyframe-{Environment.ProcessId}-{Guid.NewGuid():N}.h264");
        try
        {
            File.WriteAllBytes(file, frame.Data);
            using var capture = new VideoCapture(file, VideoCaptureAPIs.FFMPEG);
            using var picture = new Mat();
            if (!capture.IsOpened() || !capture.Read(picture) || picture.Empty())
            {
                return null;
            }

            Cv2.ImEncode(".jpg", picture, out byte[] jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
            return jpeg;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
