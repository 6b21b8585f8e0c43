using Rtsp.Protocol.Sdp;

namespace Rtsp.Protocol.Tests.Sdp;

public class SessionDescriptionBuildTests
{
    [Test]
    public void Builds_the_reference_server_description()
    {
        var video = new MediaDescription("video", 0, "RTP/AVP", "26");
        video.AddRtpMap(new SdpRtpMap(26, "JPEG", 90000));
        video.FrameRate = 25;
        video.Control = "track1";
        var sdp = new SessionDescription
        {
            Origin = SdpOrigin.Create(11079862898533874092, 1, "127.0.0.1"),
            SessionName = "rtsp-ref clip.mjpeg",
            Connection = SdpConnection.IPv4("0.0.0.0"),
            Control = "*",
            RangeAttribute = "npt=0-10",
            Media = [video],
        };

        sdp.ToString().Should().Be(
            "v=0\r\no=- 11079862898533874092 1 IN IP4 127.0.0.1\r\ns=rtsp-ref clip.mjpeg\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
            + "a=control:*\r\na=range:npt=0-10\r\nm=video 0 RTP/AVP 26\r\na=rtpmap:26 JPEG/90000\r\na=framerate:25\r\na=control:track1\r\n");
        SessionDescription.Parse(sdp.ToString()).ToString().Should().Be(sdp.ToString());
        sdp.ToBytes().Should().Equal(System.Text.Encoding.ASCII.GetBytes(sdp.ToString()));
    }

    [Test]
    public void Setting_a_helper_replaces_in_place_and_null_removes()
    {
        var sdp = SessionDescription.Parse(SdpTestData.Read("gst-test"));
        var video = sdp.Media[0];

        video.Control = "track1";
        video.FrameRate = 29.97;
        sdp.RangeAttribute = null;

        video.Attributes.Select(attribute => attribute.Name).Should().Equal("rtpmap", "framerate", "control", "ts-refclk", "mediaclk", "ssrc");
        video.GetAttribute("framerate")!.Value.Should().Be("29.97");
        video.Control.Should().Be("track1");
        sdp.GetAttribute("range").Should().BeNull();
        ((Action)(() => video.FrameRate = 0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
