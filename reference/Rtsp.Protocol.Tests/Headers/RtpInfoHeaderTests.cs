using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

public class RtpInfoHeaderTests
{
    [Test]
    public void Parses_the_gstreamer_reply()
    {
        var header = RtpInfoHeader.Parse("url=rtsp://127.0.0.1:8554/test/stream=0;seq=7952;rtptime=3784039676");
        header.Entries.Should().Equal(new RtpInfoEntry("rtsp://127.0.0.1:8554/test/stream=0", 7952, 3784039676));
    }

    [Test]
    public void Parses_the_rfc_2326_two_stream_example()
    {
        // RFC 2326 §12.33.
        var header = RtpInfoHeader.Parse(
            "url=rtsp://foo.com/bar.avi/streamid=0;seq=45102, url=rtsp://foo.com/bar.avi/streamid=1;seq=30211");

        header.Entries.Should().Equal(
            new RtpInfoEntry("rtsp://foo.com/bar.avi/streamid=0", 45102),
            new RtpInfoEntry("rtsp://foo.com/bar.avi/streamid=1", 30211));
        header.ToString().Should().Be(
            "url=rtsp://foo.com/bar.avi/streamid=0;seq=45102,url=rtsp://foo.com/bar.avi/streamid=1;seq=30211");
    }

    [Test]
    public void Urls_keep_their_commas_semicolons_and_queries()
    {
        var header = RtpInfoHeader.Parse(
            "url=rtsp://h/a,b;jsessionid=1?x=1,2;seq=1;rtptime=2,url=\"rtsp://h/c\";rtptime=5;seq=6;ssrc=1234");

        header.Entries.Should().Equal(
            new RtpInfoEntry("rtsp://h/a,b;jsessionid=1?x=1,2", 1, 2),
            new RtpInfoEntry("rtsp://h/c", 6, 5));
    }

    [Test]
    public void Seq_and_rtptime_are_optional_and_case_insensitive()
    {
        RtpInfoHeader.Parse("URL=rtsp://h/s;RTPTIME=0").Entries.Single().Should().Be(new RtpInfoEntry("rtsp://h/s", null, 0));
        RtpInfoHeader.Parse("url=rtsp://h/s").Entries.Single().Should().Be(new RtpInfoEntry("rtsp://h/s"));
    }

    [TestCase("")]
    [TestCase("seq=1")]
    [TestCase("url=;seq=1")]
    [TestCase("url=rtsp://h/s;seq=65536")]
    [TestCase("url=rtsp://h/s;seq=-1")]
    [TestCase("url=rtsp://h/s;rtptime=4294967296")]
    [TestCase("url=rtsp://h/s;rtptime=x")]
    [TestCase("url=rtsp://h/s;seq=1;seq=2")]
    [TestCase("url=rtsp://h/s, seq=2")]
    public void Rejects_malformed_entries(string text)
    {
        RtpInfoHeader.TryParse(text, out _).Should().BeFalse();
        var act = () => RtpInfoHeader.Parse(text);
        act.Should().Throw<HeaderFormatException>();
    }

    [Test]
    public void Every_rtp_info_in_the_transcripts_round_trips()
    {
        var values = Tests.Rtsp.TranscriptFile.HeaderValues("RTP-Info").ToList();
        values.Should().NotBeEmpty();
        values.Should().AllSatisfy(v => RtpInfoHeader.Parse(v).ToString().Should().Be(v));
    }
}
