using OpenCvSharp;

namespace Rtsp.Harness.Analysis.Jpeg;

/// <summary>Decodes a reassembled JFIF with OpenCV (libjpeg-turbo) and says what is wrong with it, if anything.</summary>
public static class JpegDecoder
{
    public const string SizeMismatch = "decoded as";

    /// <summary>Null when the image decodes at <paramref name="width"/>×<paramref name="height"/>; else the problem.</summary>
    public static string? Problem(byte[] jpeg, int width, int height)
    {
        try
        {
            using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
            if (image.Empty())
            {
                return $"does not decode ({jpeg.Length} bytes)";
            }

            return image.Width == width && image.Height == height
                ? null
                : $"{SizeMismatch} {image.Width}x{image.Height}, the RTP header announced {width}x{height}";
        }
        catch (OpenCVException e)
        {
            return $"does not decode: {e.Message}";
        }
    }
}
