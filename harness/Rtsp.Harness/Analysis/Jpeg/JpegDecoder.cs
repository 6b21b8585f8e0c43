using OpenCvSharp;

namespace Rtsp.Harness.Analysis.Jpeg;

/// <summary>Decodes a reassembled JFIF with OpenCV (libjpeg-turbo) and says what is wrong with it, if anything.</summary>
public static class JpegDecoder
{
    public const string SizeMismatch = "decoded as";

    /// <summary>Null when the image decodes at <paramref name="width"/>×<paramref name="height"/>; else the problem.</summary>
    public static string? Problem(byte[] jpeg, int width, int height)
    {
        // libjpeg only warns about corrupt entropy-coded data and still returns an image, so check the scan's
        // byte stuffing (ITU T.81 F.1.2.3) first: inside the scan an 0xFF is followed by 0x00 or a restart marker.
        if (UnstuffedMarker(jpeg) is { } marker)
        {
            return $"has an unstuffed 0xFF{jpeg[marker + 1]:X2} at byte {marker} of its entropy-coded data";
        }

        try
        {
            // Grayscale still entropy-decodes every component (so corrupt data shows) but skips the chroma IDCT and
            // colour conversion: 4x faster on a 640x480 frame (1.9 vs 7.4 ms measured here).
            using var image = Cv2.ImDecode(jpeg, ImreadModes.Grayscale);
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

    /// <summary>Offset of the first 0xFF in the scan (after SOS, before the closing EOI) that is neither stuffed nor
    /// a restart marker; null when the scan is clean or there is no SOS.</summary>
    public static int? UnstuffedMarker(ReadOnlySpan<byte> jpeg)
    {
        int sos = -1;
        for (int i = 2; i + 3 < jpeg.Length;)
        {
            if (jpeg[i] != 0xFF)
            {
                return null;
            }

            int segment = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (jpeg[i + 1] == 0xDA)
            {
                sos = i + 2 + segment;
                break;
            }

            i += 2 + segment;
        }

        if (sos < 0)
        {
            return null;
        }

        int end = jpeg.Length >= 2 && jpeg[^2] == 0xFF && jpeg[^1] == 0xD9 ? jpeg.Length - 2 : jpeg.Length;
        for (int i = sos; i < end - 1; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] != 0x00 && jpeg[i + 1] is not (>= 0xD0 and <= 0xD7) && jpeg[i + 1] != 0xFF)
            {
                return i;
            }
        }

        return null;
    }
}
