using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace Rtsp.Media.OpenCv;

/// <summary>The frame rate a video file is played at: its own, or the fallback (logged) when it states none usable.</summary>
public static class FileFrameRate
{
    public static double Read(VideoCapture capture, string file, double fallbackFrameRate, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(capture);
        double fps = capture.Fps;
        if (fps is > 0 and <= 240)
            return fps;
        logger.LogWarning("{File}: no usable frame rate in the file ({Fps}); playing it at {Fallback} fps", file, fps, fallbackFrameRate);
        return fallbackFrameRate;
    }
}
