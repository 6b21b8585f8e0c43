using Rtsp.Server.Handling;

namespace Rtsp.Server.Tests.Unit;

public class RequestTargetTests
{
    [TestCase("rtsp://h:1/sample.mjpeg", "sample.mjpeg", false)]
    [TestCase("rtsp://h:1/sample.mjpeg/", "sample.mjpeg", false)]
    [TestCase("rtsp://h:1/sample.mjpeg/stream=0", "sample.mjpeg", true)]
    [TestCase("rtsp://h:1/a/b%20c.mjpeg/stream=0?x=1", "a/b c.mjpeg", true)]
    [TestCase("rtsp://h:1/%2e%2e/etc/passwd", "../etc/passwd", false)]
    [TestCase("rtsp://h:1", "", false)]
    public void Splits_the_media_path_and_the_track(string uri, string path, bool track)
    {
        RequestTarget.TryParse(uri, out var target).Should().BeTrue();
        target!.MediaPath.Should().Be(path);
        target.IsTrack.Should().Be(track);
    }

    [Test]
    public void Content_base_ends_with_a_slash_and_the_track_resolves_under_it()
    {
        RequestTarget.TryParse("rtsp://127.0.0.1:8554/dir/a b.mjpeg", out var target).Should().BeTrue();
        target!.ContentBase.Should().Be("rtsp://127.0.0.1:8554/dir/a%20b.mjpeg/");
        target.TrackUrl.Should().Be("rtsp://127.0.0.1:8554/dir/a%20b.mjpeg/stream=0");
    }

    [TestCase("rtsp://h:1/bad%zz")]
    [TestCase("rtsp://h:1/bad%e")]
    [TestCase("http://h:1/sample.mjpeg")]
    [TestCase("sample.mjpeg")]
    public void Refuses_malformed_urls(string uri) => RequestTarget.TryParse(uri, out _).Should().BeFalse();
}
