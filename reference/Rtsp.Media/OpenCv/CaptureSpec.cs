using System.Globalization;
using System.Text.RegularExpressions;

namespace Rtsp.Media.OpenCv;

/// <summary>
/// What a live capture reads and where it is served: `--webcam 0` or `--webcam /dev/video0` (a V4L2 camera,
/// served at live/webcam0) or `--capture NAME=SPEC` (anything OpenCV opens as a live feed: a camera index, a
/// device node, a FIFO another program writes MJPEG or MPEG-TS into; served at live/NAME).
/// </summary>
public sealed partial record CaptureSpec(string Name, string Device, int? CameraIndex)
{
    /// <summary>The path the capture is served at.</summary>
    public string Path => "live/" + Name;

    /// <summary>A V4L2 camera (index or /dev/videoN) rather than a feed opened through FFmpeg.</summary>
    public bool IsCamera => CameraIndex is not null || Device.StartsWith("/dev/video", StringComparison.Ordinal);

    /// <exception cref="ArgumentException">not a number and not /dev/videoN.</exception>
    public static CaptureSpec Webcam(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            return new CaptureSpec("webcam" + index, "/dev/video" + index, index);
        var match = VideoDevice().Match(value);
        if (!match.Success)
            throw new ArgumentException($"--webcam {value}: expected a camera number (0) or a V4L2 device (/dev/video0)");
        int number = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return new CaptureSpec("webcam" + number, value, number);
    }

    /// <exception cref="ArgumentException">not NAME=SPEC, or a NAME that is not a plain path segment.</exception>
    public static CaptureSpec Capture(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == value.Length - 1)
            throw new ArgumentException($"--capture {value}: expected NAME=SPEC, e.g. cam=/dev/video2 or feed=/tmp/feed.mjpeg");
        string name = value[..equals], device = value[(equals + 1)..];
        if (!PlainName().IsMatch(name) || name is "." or "..")
            throw new ArgumentException($"--capture {value}: NAME must be letters, digits, '-', '_' or '.' (it becomes /live/NAME)");
        int? index = int.TryParse(device, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
        return new CaptureSpec(name, index is null ? device : "/dev/video" + index, index);
    }

    [GeneratedRegex(@"^/dev/video([0-9]{1,3})$")]
    private static partial Regex VideoDevice();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex PlainName();
}
