using FluentAssertions;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Tests.Runner;

/// <summary>Credentials in the target URL: read, percent-decoded, never sent in a request URI nor printed.</summary>
public sealed class TargetInfoTests
{
    [Test]
    public void Userinfo_becomes_credentials_and_leaves_the_url()
    {
        var target = TargetInfo.Parse("rtsp://admin:p%40ss%3Aword@192.0.2.7:8554/Streaming/Channels/101?transport=x");

        target.Credentials.Should().Be(new Credentials("admin", "p@ss:word"));
        target.Url.ToString().Should().Be("rtsp://192.0.2.7:8554/Streaming/Channels/101?transport=x");
        target.ToString().Should().NotContain("admin").And.NotContain("p%40ss");
        target.Port.Should().Be(8554);
    }

    [Test]
    public void Given_credentials_win_over_the_urls()
    {
        TargetInfo.Parse("rtsp://a:b@127.0.0.1/x", credentials: new Credentials("u", "p")).Credentials.Should().Be(new Credentials("u", "p"));
        TargetInfo.Parse("rtsp://127.0.0.1/x").Credentials.Should().BeNull();
        TargetInfo.Parse("rtsp://viewer@127.0.0.1/x").Credentials.Should().Be(new Credentials("viewer", string.Empty));
    }

    [TestCase("rtsp://admin:secret@cam.local:554/s1", "rtsp://admin:***@cam.local:554/s1")]
    [TestCase("rtsp://cam.local/s1", "rtsp://cam.local/s1")]
    [TestCase("rtsp://viewer@cam.local/s1", "rtsp://viewer@cam.local/s1")]
    public void Printed_urls_hide_the_password(string url, string printed)
    {
        TargetInfo.Redact(url).Should().Be(printed);
    }

    [Test]
    public void A_bad_url_is_refused_without_echoing_its_password()
    {
        var act = () => TargetInfo.Parse("http://admin:secret@cam.local/s1");

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("admin:***@").And.NotContain("secret");
    }
}
