using OpenCvSharp;
using Rtsp.Protocol;
using Rtsp.Protocol.Jpeg;

namespace Rtsp.Media.OpenCv;

/// <summary>
/// Encodes decoded pictures to JPEG that RFC 2435 can carry: baseline, 8-bit, YCbCr 4:2:0 (type 1), the
/// standard Huffman tables (receivers rebuild them; RFC 2435 sends none), width and height multiples of 8 and at
/// most 2040 (they travel divided by 8 in one byte). Pictures are first fitted to that: scaled to the requested
/// size, else scaled down when a side exceeds 2040, then cropped by the few pixels that are not a multiple of 8.
/// Every output is checked with the core's <see cref="JpegFrameInfo"/>, so a wrong libjpeg setting fails loudly
/// here instead of sending frames players cannot decode. Thread-safe (no shared mutable state).
/// </summary>
public sealed class Rfc2435JpegEncoder
{
    public const int DefaultQuality = 80;
    public const int MaxSide = 2040;

    /// <summary>OpenCV's IMWRITE_JPEG_SAMPLING_FACTOR (not in OpenCvSharp's enum) and its 4:2:0 value.</summary>
    private const ImwriteFlags SamplingFactor = (ImwriteFlags)7;
    private const int Sampling420 = 0x221111;

    private readonly ImageEncodingParam[] _parameters;

    /// <param name="quality">libjpeg quality 1..100.</param>
    /// <param name="size">scale every picture to exactly this size (multiples of 8, at most 2040); null keeps the source size.</param>
    public Rfc2435JpegEncoder(int quality = DefaultQuality, Size? size = null)
    {
        if (quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(quality), $"JPEG quality {quality}: must be 1..100");
        if (size is { } s && (s.Width < 8 || s.Height < 8 || s.Width > MaxSide || s.Height > MaxSide || s.Width % 8 != 0 || s.Height % 8 != 0))
            throw new ArgumentOutOfRangeException(nameof(size), $"size {s.Width}x{s.Height}: width and height must be multiples of 8, 8..{MaxSide}");
        Quality = quality;
        Size = size;
        _parameters =
        [
            new(ImwriteFlags.JpegQuality, quality),
            new(SamplingFactor, Sampling420),
            new(ImwriteFlags.JpegOptimize, 0),
            new(ImwriteFlags.JpegProgressive, 0),
        ];
    }

    public int Quality { get; }

    public Size? Size { get; }

    /// <summary>The size a <paramref name="width"/> x <paramref name="height"/> picture is sent at.</summary>
    public Size OutputSize(int width, int height)
    {
        if (Size is { } fixedSize)
            return fixedSize;
        if (width < 8 || height < 8)
            throw new ArgumentOutOfRangeException(nameof(width), $"picture {width}x{height} is smaller than one 8x8 block");
        double scale = Math.Min(1.0, (double)MaxSide / Math.Max(width, height));
        int w = (int)(width * scale) / 8 * 8, h = (int)(height * scale) / 8 * 8;
        return new Size(w, h);
    }

    /// <summary>Encodes one BGR (or grayscale, or BGRA) picture.</summary>
    /// <exception cref="JpegFormatException">libjpeg produced something RFC 2435 cannot carry (never expected).</exception>
    public byte[] Encode(Mat picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        if (picture.Empty())
            throw new ArgumentException("empty picture", nameof(picture));
        var target = OutputSize(picture.Width, picture.Height);
        using var fitted = Fit(picture, target);
        Cv2.ImEncode(".jpg", fitted, out byte[] jpeg, _parameters);
        var info = JpegFrameInfo.Parse(jpeg);
        if (info.Type != 1 || info.Width != target.Width || info.Height != target.Height)
            throw new JpegFormatException(JpegRejectReason.UnsupportedSampling, $"encoder produced type {info.Type} {info.Width}x{info.Height}, expected type 1 {target.Width}x{target.Height}");
        return jpeg;
    }

    private static Mat Fit(Mat picture, Size target)
    {
        var colour = picture.Channels() switch
        {
            3 => picture.Clone(),
            1 => picture.CvtColor(ColorConversionCodes.GRAY2BGR),
            4 => picture.CvtColor(ColorConversionCodes.BGRA2BGR),
            int n => throw new ArgumentException($"picture with {n} channels", nameof(picture)),
        };
        if (colour.Width == target.Width && colour.Height == target.Height)
            return colour;
        // Only a crop (less than 8 px per side) when the size is already right but for the 8-multiple; otherwise scale.
        if (colour.Width - target.Width is >= 0 and < 8 && colour.Height - target.Height is >= 0 and < 8)
        {
            var cropped = new Mat(colour, new Rect(0, 0, target.Width, target.Height)).Clone();
            colour.Dispose();
            return cropped;
        }
        var scaled = colour.Resize(target, 0, 0, InterpolationFlags.Area);
        colour.Dispose();
        return scaled;
    }
}
