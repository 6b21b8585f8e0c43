using Rtsp.Protocol.Sdp;

namespace Rtsp.Protocol.Tests.Sdp;

public class SessionDescriptionParseTests
{
    [Test]
    public void Reads_gstreamer_avi_mount()
    {
        var sdp = SessionDescription.Parse(SdpTestData.Read("gst-avi"));

        sdp.Version.Should().Be(0);
        sdp.Origin.Should().Be(new SdpOrigin("-", "15667393949645009758", "1", "IN", "IP4", "127.0.0.1"));
        sdp.SessionName.Should().Be("Session streamed with GStreamer");
        sdp.Information.Should().Be("rtsp-server");
        sdp.Timings.Should().ContainSingle().Which.ToString().Should().Be("0 0");
        sdp.Connection.Should().BeNull();
        sdp.Control.Should().Be("*");
        sdp.RangeAttribute.Should().Be("npt=0-10");
        sdp.Attributes.Select(attribute => attribute.ToString()).Should().Equal("tool:GStreamer", "type:broadcast", "control:*", "range:npt=0-10");

        var video = sdp.Media.Should().ContainSingle().Subject;
        video.Type.Should().Be("video");
        video.Port.Should().Be(0);
        video.Protocol.Should().Be("RTP/AVP");
        video.Formats.Should().Equal("26");
        video.Connection.Should().Be(SdpConnection.IPv4("0.0.0.0"));
        video.Bandwidths.Should().Equal(new SdpBandwidth("AS", 3019));
        video.RtpMaps.Should().ContainKey(26).WhoseValue.ToString().Should().Be("JPEG/90000");
        video.RtpMaps[26].ClockRate.Should().Be(90000);
        video.FrameRate.Should().Be(25.0);
        video.Control.Should().Be("stream=0");
        video.GetAttribute("ssrc")!.Value.Should().Be("1805889592 cname:user3677285617@host-3ae22126");
        video.GetAttribute("ts-refclk").Should().Be(new SdpAttribute("ts-refclk", "local"));
    }

    [Test]
    public void Reads_the_live_mount_range_and_h264_fmtp()
    {
        SessionDescription.Parse(SdpTestData.Read("gst-test")).RangeAttribute.Should().Be("npt=now-");

        var h264 = SessionDescription.Parse(SdpTestData.Read("gst-h264")).Media[0];
        h264.RtpMaps[96].Should().Be(new SdpRtpMap(96, "H264", 90000));
        h264.FrameRate.Should().Be(25);
        h264.Fmtp[96].Should().StartWith("packetization-mode=1;sprop-parameter-sets=Z0LAHtkAoD2wEQAAAwABAAADADIPFi5I,aMuDyyA=;");
    }

    [Test]
    public void Reads_the_perl_relay_with_a_session_connection_and_a_static_payload_type()
    {
        var sdp = SessionDescription.Parse(SdpTestData.Read("perl-relay"));

        sdp.SessionName.Should().Be("No Name");
        sdp.Connection.Should().Be(SdpConnection.IPv4("127.0.0.1"));
        sdp.Control.Should().BeNull();
        var video = sdp.Media.Single();
        video.Connection.Should().BeNull();
        video.RtpMaps.Should().BeEmpty(); // payload type 26 is static (RFC 3551), no rtpmap needed
        video.FrameRate.Should().BeNull();
        video.Control.Should().Be("streamid=0");
    }

    [TestCaseSource(typeof(SdpTestData), nameof(SdpTestData.Names))]
    public void Real_server_bodies_round_trip_byte_for_byte(string name)
    {
        var text = SdpTestData.Read(name);
        SessionDescription.Parse(text).ToString().Should().Be(text);
    }

    [Test]
    public void Bare_lf_is_accepted_and_crlf_written()
    {
        var crlf = SdpTestData.Read("gst-test");
        var lf = crlf.Replace("\r\n", "\n", StringComparison.Ordinal);

        SessionDescription.Parse(lf).ToString().Should().Be(crlf);
    }

    [Test]
    public void Utf8_bytes_parse_like_the_text()
    {
        var text = SdpTestData.Read("gst-file");
        SessionDescription.Parse(System.Text.Encoding.UTF8.GetBytes(text)).ToString().Should().Be(text);
    }

    [TestCase("25", 25.0)]
    [TestCase("25.000000", 25.0)]
    [TestCase("29.97", 29.97)]
    [TestCase("7.5", 7.5)]
    public void Frame_rate_reads_integers_and_decimals(string value, double expected)
    {
        var sdp = SessionDescription.Parse($"v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\na=framerate:{value}\r\n");
        sdp.Media[0].FrameRate.Should().Be(expected);
    }

    [Test]
    public void Lines_of_all_session_types_and_port_counts_round_trip()
    {
        const string text =
            "v=0\r\no=jdoe 2890844526 2890842807 IN IP4 10.47.16.5\r\ns=SDP Seminar\r\ni=A Seminar on the session description protocol\r\n"
            + "u=http://www.example.com/seminars/sdp.pdf\r\ne=j.doe@example.com (Jane Doe)\r\np=+1 617 555-6011\r\nc=IN IP4 224.2.17.12/127\r\n"
            + "b=CT:128\r\nt=2873397496 2873404696\r\nr=7d 1h 0 25h\r\nz=2882844526 -1h 2898848070 0\r\nk=clear:secret\r\na=recvonly\r\n"
            + "m=audio 49170 RTP/AVP 0\r\ni=voice\r\nb=AS:64\r\nk=prompt\r\nm=video 51372/2 RTP/AVP 99 100\r\na=rtpmap:99 h263-1998/90000\r\na=rtpmap:100 L16/44100/2\r\n";

        var sdp = SessionDescription.Parse(text);

        sdp.ToString().Should().Be(text);
        sdp.GetAttribute("recvonly").Should().Be(new SdpAttribute("recvonly"));
        sdp.Timings[0].RepeatTimes.Should().Equal("7d 1h 0 25h");
        sdp.Media[1].PortCount.Should().Be(2);
        sdp.Media[1].RtpMaps[100].Should().Be(new SdpRtpMap(100, "L16", 44100, "2"));
    }

    [Test]
    public void Reads_the_rfc_8866_section_5_example()
    {
        const string text =
            "v=0\r\no=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r\ns=Call to John Smith\r\ni=SDP Offer #1\r\n"
            + "u=http://www.jdoe.example.com/home.html\r\ne=Jane Doe <jane@jdoe.example.com>\r\np=+1 617 555-6011\r\n"
            + "c=IN IP4 198.51.100.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\nm=audio 49180 RTP/AVP 0\r\nm=video 51372 RTP/AVP 99\r\n"
            + "c=IN IP6 2001:db8::2\r\na=rtpmap:99 h263-1998/90000\r\n";

        var sdp = SessionDescription.Parse(text);

        sdp.Emails.Should().Equal("Jane Doe <jane@jdoe.example.com>");
        sdp.Media.Select(media => (media.Type, media.Port)).Should().Equal(("audio", 49170), ("audio", 49180), ("video", 51372));
        sdp.Media[0].Connection.Should().BeNull(); // the session-level c= applies
        sdp.Media[2].Connection.Should().Be(new SdpConnection("IN", "IP6", "2001:db8::2"));
        sdp.Media[2].RtpMaps[99].Should().Be(new SdpRtpMap(99, "h263-1998", 90000));
        sdp.ToString().Should().Be(text);
    }

    [Test]
    public void Lines_out_of_rfc_order_within_a_section_are_read_and_written_in_order()
    {
        var sdp = SessionDescription.Parse("v=0\r\ns=-\r\nt=0 0\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=video 0 RTP/AVP 26\r\na=control:track1\r\nc=IN IP4 0.0.0.0\r\n");

        sdp.ToString().Should().Be("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\nc=IN IP4 0.0.0.0\r\na=control:track1\r\n");
    }

    [Test]
    public void Blank_lines_are_skipped_and_line_numbers_still_count_them()
    {
        var act = () => SessionDescription.Parse("v=0\n\no=- 1 1 IN IP4 0.0.0.0\ns=-\n\nm=video x RTP/AVP 26\n");
        act.Should().Throw<SdpFormatException>().Which.LineNumber.Should().Be(6);
    }
}
