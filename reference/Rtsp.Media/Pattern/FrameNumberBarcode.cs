using OpenCvSharp;

namespace Rtsp.Media.Pattern;

/// <summary>
/// The machine-readable frame number drawn in every pattern frame, so a test can decode a received frame and
/// know which one it is: a band <see cref="BandHeight"/> px high across the top, 32 cells each width/32 px wide;
/// cell i is white (255) when bit (31 - i) of the frame number is 1, black otherwise. Cells are big enough to
/// survive JPEG compression; <see cref="Read"/> samples the middle of each cell.
/// </summary>
public static class FrameNumberBarcode
{
    public const int BandHeight = 16;
    public const int Bits = 32;

    public static void Draw(Mat image, uint frameNumber)
    {
        int cell = CellWidth(image);
        for (int i = 0; i < Bits; i++)
        {
            bool one = (frameNumber >> (Bits - 1 - i) & 1) != 0;
            var color = one ? Scalar.White : Scalar.Black;
            image.Rectangle(new Rect(i * cell, 0, cell, BandHeight), color, thickness: -1);
        }
    }

    /// <summary>
    /// The frame number in a decoded pattern frame (BGR or grayscale), or null when the band is not a barcode
    /// (a cell that is neither clearly dark nor clearly light).
    /// </summary>
    public static uint? Read(Mat decoded)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        if (decoded.Empty() || decoded.Height < BandHeight || decoded.Width < Bits * 4)
            return null;
        int cell = CellWidth(decoded);
        using var gray = decoded.Channels() == 1 ? decoded.Clone() : decoded.CvtColor(ColorConversionCodes.BGR2GRAY);
        uint value = 0;
        for (int i = 0; i < Bits; i++)
        {
            // The middle half of the cell: JPEG ringing stays near the edges between cells.
            var probe = new Rect(i * cell + cell / 4, BandHeight / 4, Math.Max(1, cell / 2), BandHeight / 2);
            using var roi = new Mat(gray, probe);
            double mean = Cv2.Mean(roi).Val0;
            if (mean is > 80 and < 175)
                return null;
            if (mean >= 175)
                value |= 1u << (Bits - 1 - i);
        }
        return value;
    }

    private static int CellWidth(Mat image) => image.Width / Bits;
}
