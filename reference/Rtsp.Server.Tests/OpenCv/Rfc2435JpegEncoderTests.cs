using OpenCvSharp;
using Rtsp.Media.OpenCv;
using Rtsp.Media.Pattern;
using Rtsp.Protocol.Jpeg;

namespace Rtsp.Server.Tests.OpenCv;

public sealed class Rfc2435JpegEncoderTests
{
    [TestCase(640, 480, 640, 480)]
    [TestCase(643, 485, 640, 480)]
    [TestCase(1920, 1080, 1920, 1080)]
    [TestCase(4000, 3000, 2040, 1528)]
    [TestCase(3000, 4000, 1528, 2040)]
    public void Every_output_is_type_1_with_sides_RFC_2435_can_send(int width, int height, int expectedWidth, int expectedHeight)
    {
        using var picture = new Mat(height, width, MatType.CV_8UC3, new Scalar(30, 120, 200));
        picture.Circle(new Point(width / 2, height / 2), Math.Min(width, height) / 3, Scalar.White, -1);

        var info = JpegFrameInfo.Parse(new Rfc2435JpegEncoder().Encode(picture));

        info.Type.Should().Be(1, "4:2:0 is RFC 2435 type 1");
        info.Width.Should().Be(expectedWidth);
        info.Height.Should().Be(expectedHeight);
    }

    [Test]
    public void Grayscale_and_BGRA_pictures_become_YCbCr()
    {
        using var gray = new Mat(480, 640, MatType.CV_8UC1, new Scalar(128));
        using var bgra = new Mat(480, 640, MatType.CV_8UC4, new Scalar(10, 20, 30, 255));
        var encoder = new Rfc2435JpegEncoder();

        JpegFrameInfo.Parse(encoder.Encode(gray)).Type.Should().Be(1);
        JpegFrameInfo.Parse(encoder.Encode(bgra)).Type.Should().Be(1);
    }

    [Test]
    public void A_fixed_size_scales_and_the_frame_number_survives_the_round_trip()
    {
        using var pattern = new PatternRenderer(1280, 720, 25).Render(123456);
        var encoder = new Rfc2435JpegEncoder(quality: 60, size: new Size(640, 480));

        byte[] jpeg = encoder.Encode(pattern);
        using var decoded = Cv2.ImDecode(jpeg, ImreadModes.Color);

        JpegFrameInfo.Parse(jpeg).Width.Should().Be(640);
        FrameNumberBarcode.Read(decoded).Should().Be(123456u);
    }

    [Test]
    public void Lower_quality_gives_coarser_tables_and_smaller_frames()
    {
        using var pattern = new PatternRenderer(640, 480, 25).Render(7);

        byte[] high = new Rfc2435JpegEncoder(quality: 95).Encode(pattern);
        byte[] low = new Rfc2435JpegEncoder(quality: 30).Encode(pattern);

        low.Length.Should().BeLessThan(high.Length);
        JpegFrameInfo.Parse(low).QuantizationTables[0][0].Should().BeGreaterThan(JpegFrameInfo.Parse(high).QuantizationTables[0][0]);
    }

    [TestCase(0)]
    [TestCase(101)]
    public void Quality_outside_1_to_100_is_refused(int quality) =>
        FluentActions.Invoking(() => new Rfc2435JpegEncoder(quality)).Should().Throw<ArgumentOutOfRangeException>();

    [TestCase(644, 480)]
    [TestCase(2048, 480)]
    public void A_size_RFC_2435_cannot_send_is_refused(int width, int height) =>
        FluentActions.Invoking(() => new Rfc2435JpegEncoder(size: new Size(width, height))).Should().Throw<ArgumentOutOfRangeException>();
}
