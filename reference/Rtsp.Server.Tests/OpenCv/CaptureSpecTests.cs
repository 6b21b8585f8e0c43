using Rtsp.Media.OpenCv;

namespace Rtsp.Server.Tests.OpenCv;

public sealed class CaptureSpecTests
{
    [TestCase("0", "live/webcam0", "/dev/video0")]
    [TestCase("/dev/video3", "live/webcam3", "/dev/video3")]
    public void Webcam(string value, string path, string device)
    {
        var spec = CaptureSpec.Webcam(value);
        spec.Path.Should().Be(path);
        spec.Device.Should().Be(device);
        spec.IsCamera.Should().BeTrue();
    }

    [Test]
    public void A_capture_of_a_fifo_is_not_a_camera()
    {
        var spec = CaptureSpec.Capture("feed=/tmp/x/feed.mjpeg");
        spec.Path.Should().Be("live/feed");
        spec.Device.Should().Be("/tmp/x/feed.mjpeg");
        spec.IsCamera.Should().BeFalse();
    }

    [Test]
    public void A_capture_of_a_camera_number()
    {
        var spec = CaptureSpec.Capture("cam=2");
        spec.Device.Should().Be("/dev/video2");
        spec.IsCamera.Should().BeTrue();
    }

    [TestCase("video0")]
    [TestCase("/dev/video")]
    [TestCase("-1")]
    public void Bad_webcams_are_refused(string value) =>
        FluentActions.Invoking(() => CaptureSpec.Webcam(value)).Should().Throw<ArgumentException>().WithMessage("*--webcam*");

    [TestCase("nofeed")]
    [TestCase("=x")]
    [TestCase("x=")]
    [TestCase("../up=/dev/video0")]
    [TestCase("a/b=/dev/video0")]
    [TestCase("..=/dev/video0")]
    public void Bad_captures_are_refused(string value) =>
        FluentActions.Invoking(() => CaptureSpec.Capture(value)).Should().Throw<ArgumentException>().WithMessage("*--capture*");
}
