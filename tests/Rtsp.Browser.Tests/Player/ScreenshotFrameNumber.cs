using OpenCvSharp;
using Rtsp.Media.Pattern;

namespace Rtsp.Browser.Tests.Player;

/// <summary>Reads the reference server's frame-number barcode (top band of every frame it sends) from a PNG
/// screenshot of the player's video element, shown at its natural size.</summary>
public static class ScreenshotFrameNumber
{
    public static uint? Read(byte[] png)
    {
        using var image = Cv2.ImDecode(png, ImreadModes.Color);
        return FrameNumberBarcode.Read(image);
    }
}
