using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using Rtsp.Media;
using Rtsp.Media.OpenCv;

namespace Rtsp.Ref.Serve;

/// <summary>
/// The `serve` options for OpenCV sources: live captures (--webcam, --capture) and how pictures are encoded
/// (--jpeg-quality, --capture-size; also used to transcode video files and unsendable .mjpeg files).
/// </summary>
public sealed class CaptureOptions
{
    private readonly Option<string[]> _webcam = new("--webcam")
    {
        Description = "serve a V4L2 camera at /live/webcamN: a number (0) or a device (/dev/video0); repeatable. No such camera: exit code 2",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _capture = new("--capture")
    {
        Description = "serve anything OpenCV opens as a live feed at /live/NAME: NAME=SPEC, SPEC a camera number, a /dev/videoN or a FIFO fed with MJPEG or MPEG-TS (no network URLs); repeatable",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<int> _quality = new("--jpeg-quality")
    {
        Description = "JPEG quality 1..100 for captures and transcoded files",
        DefaultValueFactory = _ => Rfc2435JpegEncoder.DefaultQuality,
    };

    private readonly Option<string?> _size = new("--capture-size")
    {
        Description = "scale captures and transcoded files to WxH (multiples of 8, at most 2040), e.g. 640x480; default: their own size",
    };

    public IEnumerable<Option> All => [_webcam, _capture, _quality, _size];

    /// <summary>The specs and the encoder, checked; ArgumentException names the option that is wrong.</summary>
    public (IReadOnlyList<CaptureSpec> Specs, Rfc2435JpegEncoder Encoder) Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var specs = (parse.GetValue(_webcam) ?? []).Select(CaptureSpec.Webcam)
            .Concat((parse.GetValue(_capture) ?? []).Select(CaptureSpec.Capture))
            .ToList();
        var duplicate = specs.GroupBy(s => s.Path).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"two captures would be served at /{duplicate.Key}");
        int quality = parse.GetValue(_quality);
        if (quality is < 1 or > 100)
            throw new ArgumentException($"--jpeg-quality {quality}: must be 1..100");
        Size? size = parse.GetValue(_size) is { } text ? ParseSize(text) : null;
        return (specs, new Rfc2435JpegEncoder(quality, size));
    }

    /// <summary>Opens every capture; on the first failure closes those already open and rethrows.</summary>
    /// <exception cref="MediaOpenException">a device that is missing or cannot be opened.</exception>
    public static IReadOnlyList<IMediaSource> Open(IReadOnlyList<CaptureSpec> specs, Rfc2435JpegEncoder encoder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var opened = new List<IMediaSource>();
        try
        {
            foreach (var spec in specs)
                opened.Add(CaptureSource.Open(spec, encoder, logger));
            return opened;
        }
        catch
        {
            foreach (var source in opened)
                source.Dispose();
            throw;
        }
    }

    private static Size ParseSize(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            && w is >= 8 and <= Rfc2435JpegEncoder.MaxSide && h is >= 8 and <= Rfc2435JpegEncoder.MaxSide && w % 8 == 0 && h % 8 == 0)
            return new Size(w, h);
        throw new ArgumentException($"--capture-size {text}: expected WxH with multiples of 8 up to {Rfc2435JpegEncoder.MaxSide}, e.g. 640x480");
    }
}
