using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

public class ControlUrlTests
{
    [TestCase("rtsp://127.0.0.1:8554/test/", "stream=0", "rtsp://127.0.0.1:8554/test/stream=0")]
    [TestCase("rtsp://127.0.0.1:8554/test/", "*", "rtsp://127.0.0.1:8554/test/")]
    [TestCase("rtsp://127.0.0.1:8557/live", "streamid=0", "rtsp://127.0.0.1:8557/streamid=0")]
    [TestCase("rtsp://h/live", "rtsp://other:8554/x/trackID=1", "rtsp://other:8554/x/trackID=1")]
    [TestCase("rtsp://h/cam/", "track1?token=a", "rtsp://h/cam/track1?token=a")]
    [TestCase("rtsp://h/cam?token=a", "*", "rtsp://h/cam?token=a")]
    [TestCase("rtsp://h/cam?token=a", "", "rtsp://h/cam?token=a")]
    [TestCase("rtsp://h/cam?token=a", "track1", "rtsp://h/track1")]
    [TestCase("rtsp://h:554/a/b", "/abs/path", "rtsp://h:554/abs/path")]
    [TestCase("rtsp://h", "trackID=0", "rtsp://h/trackID=0")]
    [TestCase("rtsp://h/a/", "stream=0:extra", "rtsp://h/a/stream=0:extra")]
    public void Resolves_rtsp_controls_per_rfc_3986(string baseUrl, string control, string expected)
    {
        ControlUrl.Resolve(baseUrl, control).Should().Be(expected);
    }

    // RFC 3986 §5.4.1 and §5.4.2, base "http://a/b/c/d;p?q".
    [TestCase("g", "http://a/b/c/g")]
    [TestCase("./g", "http://a/b/c/g")]
    [TestCase("g/", "http://a/b/c/g/")]
    [TestCase("/g", "http://a/g")]
    [TestCase("//g", "http://g")]
    [TestCase("?y", "http://a/b/c/d;p?y")]
    [TestCase("g?y", "http://a/b/c/g?y")]
    [TestCase("#s", "http://a/b/c/d;p?q#s")]
    [TestCase(";x", "http://a/b/c/;x")]
    [TestCase("", "http://a/b/c/d;p?q")]
    [TestCase(".", "http://a/b/c/")]
    [TestCase("./", "http://a/b/c/")]
    [TestCase("..", "http://a/b/")]
    [TestCase("../g", "http://a/b/g")]
    [TestCase("../..", "http://a/")]
    [TestCase("../../g", "http://a/g")]
    [TestCase("../../../g", "http://a/g")]
    [TestCase("/./g", "http://a/g")]
    [TestCase("g.", "http://a/b/c/g.")]
    [TestCase("./../g", "http://a/b/g")]
    [TestCase("g;x=1/../y", "http://a/b/c/y")]
    [TestCase("g:h", "g:h")]
    public void Passes_the_rfc_3986_examples(string reference, string expected)
    {
        ControlUrl.Resolve("http://a/b/c/d;p?q", reference).Should().Be(expected);
    }

    [TestCase("rtsp://127.0.0.1:8557/live", "streamid=0", "rtsp://127.0.0.1:8557/live/streamid=0")]
    [TestCase("rtsp://127.0.0.1:8554/test/", "stream=0", "rtsp://127.0.0.1:8554/test/stream=0")]
    [TestCase("rtsp://h/cam?token=a", "track1", "rtsp://h/cam?token=a/track1")]
    [TestCase("rtsp://h/live", "rtsp://other/x", "rtsp://other/x")]
    public void Reproduces_ffmpegs_append_a_slash_behaviour(string baseUrl, string control, string expected)
    {
        ControlUrl.ResolveLikeFfmpeg(baseUrl, control).Should().Be(expected);
    }

    [Test]
    public void Both_peers_agree_when_the_content_base_ends_with_a_slash()
    {
        foreach (var control in new[] { "stream=0", "trackID=1", "video" })
        {
            ControlUrl.Resolve("rtsp://127.0.0.1:8554/test/", control)
                .Should().Be(ControlUrl.ResolveLikeFfmpeg("rtsp://127.0.0.1:8554/test/", control));
        }
    }

    [TestCase("stream=0")]
    [TestCase("/relative/base")]
    [TestCase("")]
    public void A_base_that_is_not_absolute_is_a_format_error(string baseUrl)
    {
        var act = () => ControlUrl.Resolve(baseUrl, "x");
        act.Should().Throw<HeaderFormatException>().Which.HeaderName.Should().Be("Content-Base");
    }
}
