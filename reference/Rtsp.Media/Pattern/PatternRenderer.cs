using OpenCvSharp;

namespace Rtsp.Media.Pattern;

/// <summary>
/// Draws frame n of the synthetic test pattern and encodes it as RFC 2435-carriable JPEG: the frame-number
/// barcode across the top (<see cref="FrameNumberBarcode"/>), the frame number and media time as text, colour
/// bars, and a ball and a bar that move every frame so a frozen or repeated frame is visible to the eye.
/// Deterministic: the same n always gives the same picture.
/// </summary>
public sealed class PatternRenderer
{
    /// <summary>OpenCV's default JPEG encoding (baseline, 4:2:0, standard Huffman tables) at this quality.</summary>
    public const int JpegQuality = 80;

    private static readonly Scalar[] Bars =
    [
        new(192, 192, 192), new(0, 192, 192), new(192, 192, 0), new(0, 192, 0),
        new(192, 0, 192), new(0, 0, 192), new(192, 0, 0), new(16, 16, 16),
    ];

    private readonly ImageEncodingParam[] _encoding = [new(ImwriteFlags.JpegQuality, JpegQuality)];

    public PatternRenderer(int width, int height, double frameRate)
    {
        // RFC 2435 sends width/8 and height/8 in one byte; 4:2:0 wants multiples of 16; the barcode wants 32 cells.
        if (width < 64 || height < 64 || width > 2040 || height > 2040 || width % 32 != 0 || height % 16 != 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"pattern size {width}x{height}: width must be a multiple of 32 and height of 16, 64..2040");
        if (!(frameRate > 0) || frameRate > 1000)
            throw new ArgumentOutOfRangeException(nameof(frameRate), $"frame rate {frameRate} must be in (0, 1000]");
        Width = width;
        Height = height;
        FrameRate = frameRate;
    }

    public int Width { get; }

    public int Height { get; }

    public double FrameRate { get; }

    /// <summary>Draws frame <paramref name="frameNumber"/> into a new BGR image.</summary>
    public Mat Render(uint frameNumber)
    {
        var image = new Mat(Height, Width, MatType.CV_8UC3, new Scalar(40, 40, 40));
        int top = FrameNumberBarcode.BandHeight;
        int barWidth = Width / Bars.Length;
        int barTop = Height * 2 / 3;
        for (int i = 0; i < Bars.Length; i++)
            image.Rectangle(new Rect(i * barWidth, barTop, barWidth, Height - barTop), Bars[i], -1);

        // A ball on a Lissajous path and a bar sweeping left to right: both move every frame.
        double t = frameNumber / FrameRate;
        var centre = new Point(
            (int)(Width / 2 + Width * 0.35 * Math.Sin(t * 1.3)),
            (int)(top + (barTop - top) / 2 + (barTop - top) * 0.3 * Math.Sin(t * 2.1)));
        image.Circle(centre, Height / 12, new Scalar(60, 200, 255), -1, LineTypes.AntiAlias);
        int sweep = (int)(frameNumber * 8 % (ulong)Width);
        image.Rectangle(new Rect(sweep, barTop - 12, 8, 12), Scalar.White, -1);

        FrameNumberBarcode.Draw(image, frameNumber);
        var time = TimeSpan.FromSeconds(t);
        image.PutText($"frame {frameNumber}", new Point(16, top + 44), HersheyFonts.HersheySimplex, 1.2, Scalar.White, 2, LineTypes.AntiAlias);
        image.PutText($"t={(int)time.TotalMinutes:00}:{time.Seconds:00}.{time.Milliseconds:000}", new Point(16, top + 88), HersheyFonts.HersheySimplex, 1.2, Scalar.White, 2, LineTypes.AntiAlias);
        return image;
    }

    /// <summary>Frame <paramref name="frameNumber"/> as JPEG bytes.</summary>
    public byte[] RenderJpeg(uint frameNumber)
    {
        using var image = Render(frameNumber);
        Cv2.ImEncode(".jpg", image, out byte[] jpeg, _encoding);
        return jpeg;
    }
}
