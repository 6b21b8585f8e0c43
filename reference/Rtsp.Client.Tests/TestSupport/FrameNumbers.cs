using OpenCvSharp;
using Rtsp.Media.Pattern;

namespace Rtsp.Client.Tests.TestSupport;

/// <summary>Decodes a JPEG and reads the reference server's frame-number barcode from it (null when the frame
/// does not decode or carries no barcode).</summary>
public static class FrameNumbers
{
    public static uint? FromJpeg(byte[] jpeg)
    {
        using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
        return image.Empty() ? null : FrameNumberBarcode.Read(image);
    }
}
