using Rtsp.Client.Media;
using Rtsp.Protocol.Sdp;

namespace Rtsp.Client.Tests.Media;

public class PresentationDescriptionTests
{
    // The DESCRIBE answer of gst-rtsp-server 1.22 for an AVI mount (shared fixtures, gst-avi.txt).
    private const string GstAviSdp = "v=0\r\no=- 15667393949645009758 1 IN IP4 127.0.0.1\r\ns=Session streamed with GStreamer\r\ni=rtsp-server\r\nt=0 0\r\n"
        + "a=tool:GStreamer\r\na=type:broadcast\r\na=control:*\r\na=range:npt=0-10\r\nm=video 0 RTP/AVP 26\r\nc=IN IP4 0.0.0.0\r\nb=AS:3019\r\n"
        + "a=rtpmap:26 JPEG/90000\r\na=framerate:25.000000\r\na=control:stream=0\r\n";

    [Test]
    public void Gstreamer_relative_control_resolves_against_content_base_with_its_trailing_slash()
    {
        var baseUrl = PresentationDescription.BaseUrl("rtsp://127.0.0.1:8554/avi", "rtsp://127.0.0.1:8554/avi/", null);

        var description = PresentationDescription.From(SessionDescription.Parse(GstAviSdp), baseUrl);

        description.AggregateControlUrl.Should().Be("rtsp://127.0.0.1:8554/avi/");
        description.Tracks.Should().ContainSingle().Which.ControlUrl.Should().Be("rtsp://127.0.0.1:8554/avi/stream=0");
        description.Tracks[0].PayloadType.Should().Be(26);
        description.Tracks[0].ClockRate.Should().Be(90000);
        description.Duration.Should().Be(10);
        description.IsLive.Should().BeFalse();
    }

    [Test]
    public void Without_content_base_the_request_url_is_the_base()
    {
        PresentationDescription.BaseUrl("rtsp://h/a/b", null, null).Should().Be("rtsp://h/a/b");
        PresentationDescription.BaseUrl("rtsp://h/a/b", " ", "rtsp://h/loc/").Should().Be("rtsp://h/loc/");
    }

    [Test]
    public void An_absolute_media_control_stays_as_it_is()
    {
        var sdp = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\na=control:rtsp://other:9/track7\r\n");

        PresentationDescription.From(sdp, "rtsp://h/s/").Tracks[0].ControlUrl.Should().Be("rtsp://other:9/track7");
    }

    [TestCase("a=range:npt=now-\r\n")]
    [TestCase("a=range:npt=0-\r\n")]
    [TestCase("")]
    public void An_open_or_missing_range_is_a_live_stream(string rangeLine)
    {
        var sdp = SessionDescription.Parse($"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\n{rangeLine}m=video 0 RTP/AVP 26\r\na=control:track1\r\n");

        var description = PresentationDescription.From(sdp, "rtsp://h/s/");

        description.IsLive.Should().BeTrue();
        description.Duration.Should().BeNull();
    }

    [Test]
    public void Audio_and_video_in_other_formats_are_listed_as_skipped_not_set_up()
    {
        var sdp = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\n"
            + "m=audio 0 RTP/AVP 0\r\na=control:a\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\na=control:v\r\nm=video 0 RTP/AVP 26\r\na=control:j\r\n");

        var description = PresentationDescription.From(sdp, "rtsp://h/s/");

        description.Tracks.Should().ContainSingle().Which.ControlUrl.Should().Be("rtsp://h/s/j");
        description.SkippedMedia.Should().HaveCount(2).And.Contain(s => s.Contains("VP8", StringComparison.Ordinal));
    }

    [Test]
    public void H264_is_set_up_with_the_parameter_sets_of_its_fmtp()
    {
        // RFC 6184 8.1: sprop-parameter-sets is base64 SPS,PPS (here those of a libx264 320x240 stream).
        var sdp = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1;profile-level-id=64000D;sprop-parameter-sets=Z2QADazZQUH7ARAAAAMAEAAAAwMg8UKZYA==,aOvjyyLA\r\na=control:h\r\n");

        var track = PresentationDescription.From(sdp, "rtsp://h/s/").Tracks.Should().ContainSingle().Subject;

        track.Format.Should().Be(VideoEncoding.H264);
        track.ParameterSets.Select(p => p[0] & 0x1F).Should().Equal(7, 8);
    }

    [Test]
    public void H264_in_interleaved_mode_is_skipped_with_the_reason()
    {
        var sdp = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=2\r\na=control:h\r\n");

        var description = PresentationDescription.From(sdp, "rtsp://h/s/");

        description.Tracks.Should().BeEmpty();
        description.SkippedMedia.Should().ContainSingle().Which.Should().Contain("packetization-mode=2");
    }
}
