using Rtsp.Client.Session;

namespace Rtsp.Client.Tests.Session;

public class RtspUrlTests
{
    [Test]
    public void Credentials_are_taken_out_of_the_request_url()
    {
        var url = RtspUrl.Parse("rtsp://alice:s3cret@127.0.0.1:8554/sample.mjpeg");

        url.UserName.Should().Be("alice");
        url.Password.Should().Be("s3cret");
        url.RequestUrl.Should().Be("rtsp://127.0.0.1:8554/sample.mjpeg");
        url.Host.Should().Be("127.0.0.1");
        url.Port.Should().Be(8554);
    }

    [Test]
    public void Percent_encoded_credentials_are_decoded()
    {
        var url = RtspUrl.Parse("rtsp://bob%40home:p%3Ass@cam.local/live");

        url.UserName.Should().Be("bob@home");
        url.Password.Should().Be("p:ss");
    }

    [Test]
    public void Without_a_port_the_rtsp_default_554_is_used()
    {
        var url = RtspUrl.Parse("rtsp://cam.local/live");

        url.Port.Should().Be(554);
        url.HasCredentials.Should().BeFalse();
        url.RequestUrl.Should().Be("rtsp://cam.local/live");
    }

    [Test]
    public void Query_and_trailing_slash_are_kept()
    {
        RtspUrl.Parse("rtsp://h:1/a/b/?x=1").RequestUrl.Should().Be("rtsp://h:1/a/b/?x=1");
    }

    [Test]
    public void An_ipv6_literal_connects_without_brackets()
    {
        var url = RtspUrl.Parse("rtsp://[::1]:8554/s");

        url.Host.Should().Be("::1");
        url.RequestUrl.Should().Be("rtsp://[::1]:8554/s");
    }

    [TestCase("http://h/s", "scheme 'http'")]
    [TestCase("not a url", "is not a URL")]
    [TestCase("", "empty")]
    public void Unusable_urls_are_refused_with_a_reason(string text, string reason)
    {
        RtspUrl.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain(reason);
    }
}
