using System.Text;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Protocol.Tests.Rtsp;

public class RtspMessageParserTests
{
    private const string Setup =
        "SETUP rtsp://example.com/foo/bar/baz.rm RTSP/1.0\r\n" +
        "CSeq: 302\r\n" +
        "Transport: RTP/AVP;unicast;client_port=4588-4589\r\n\r\n";

    private const string DescribeReply =
        "RTSP/1.0 200 OK\r\nCSeq: 312\r\nContent-Type: application/sdp\r\nContent-Length: 10\r\n\r\nv=0\r\ns=x\r\n";

    [Test]
    public void Parses_the_rfc_2326_setup_example()
    {
        var request = ParseOne(Setup).Should().BeOfType<RtspRequest>().Subject;

        request.Method.Should().Be(RtspMethods.Setup);
        request.Uri.Should().Be("rtsp://example.com/foo/bar/baz.rm");
        request.Version.Should().Be("RTSP/1.0");
        request.CSeq.Should().Be(302);
        request.Headers.Get("transport").Should().Be("RTP/AVP;unicast;client_port=4588-4589");
        request.Body.Should().BeEmpty();
    }

    [Test]
    public void Parses_a_response_with_a_body()
    {
        var response = ParseOne(DescribeReply).Should().BeOfType<RtspResponse>().Subject;

        response.StatusCode.Should().Be(200);
        response.ReasonPhrase.Should().Be("OK");
        Encoding.ASCII.GetString(response.Body).Should().Be("v=0\r\ns=x\r\n");
    }

    [Test]
    public void A_reason_phrase_with_spaces_and_an_empty_one_are_kept()
    {
        ((RtspResponse)ParseOne("RTSP/1.0 454 Session Not Found\r\n\r\n")).ReasonPhrase.Should().Be("Session Not Found");
        ((RtspResponse)ParseOne("RTSP/1.0 200\r\n\r\n")).ReasonPhrase.Should().BeEmpty();
    }

    [Test]
    public void Header_names_are_case_insensitive_and_order_is_kept()
    {
        var message = ParseOne("OPTIONS * RTSP/1.0\r\ncseq: 1\r\nX-B: 2\r\nX-A: 3\r\nx-b: 4\r\n\r\n");

        message.CSeq.Should().Be(1);
        message.Headers.Select(h => h.Name).Should().Equal("cseq", "X-B", "X-A", "x-b");
        message.Headers.GetAll("X-B").Should().Equal("2", "4");
    }

    [TestCase("\n")]
    [TestCase("\r")]
    [TestCase("\r\n")]
    public void Any_line_end_is_accepted(string eol)
    {
        var text = $"RTSP/1.0 200 OK{eol}CSeq: 5{eol}Content-Length: 3{eol}{eol}abc";
        var response = (RtspResponse)ParseOne(text);

        response.CSeq.Should().Be(5);
        Encoding.ASCII.GetString(response.Body).Should().Be("abc");
    }

    [Test]
    public void Continuation_lines_are_folded_into_one_value()
    {
        var message = ParseOne("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX-Long: first\r\n   second\r\n\tthird\r\n\r\n");
        message.Headers.Get("X-Long").Should().Be("first second third");
    }

    [Test]
    public void Empty_lines_before_a_message_are_skipped()
    {
        ParseOne("\r\n\r\n\nOPTIONS * RTSP/1.0\r\nCSeq: 9\r\n\r\n").CSeq.Should().Be(9);
    }

    [Test]
    public void Missing_content_length_means_no_body()
    {
        var parser = Feed(Setup + Setup);
        Read(parser).Should().HaveCount(2);
    }

    [Test]
    public void Pipelined_messages_in_one_feed_come_out_in_order()
    {
        var messages = Read(Feed(Setup + DescribeReply + "PLAY rtsp://a/b RTSP/1.0\r\nCSeq: 303\r\n\r\n"));

        messages.Select(m => m.CSeq).Should().Equal(302, 312, 303);
        messages[1].Should().BeOfType<RtspResponse>();
    }

    [Test]
    public void Bytes_fed_one_at_a_time_give_the_same_messages()
    {
        var bytes = Encoding.ASCII.GetBytes(Setup + DescribeReply);
        var parser = new RtspMessageParser();
        var messages = new List<RtspMessage>();
        foreach (var b in bytes)
        {
            parser.Feed([b]);
            messages.AddRange(Read(parser));
        }

        messages.Select(m => m.StartLine).Should().Equal(
            "SETUP rtsp://example.com/foo/bar/baz.rm RTSP/1.0", "RTSP/1.0 200 OK");
        messages[1].Body.Should().HaveCount(10);
        parser.HasPartialMessage.Should().BeFalse();
    }

    [Test]
    public void A_message_is_complete_at_the_final_cr_before_its_lf_arrives()
    {
        // Some servers hang when the CR and LF ending the header section come in different TCP segments.
        var parser = Feed("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r");
        parser.TryReadMessage(out var first).Should().BeTrue();
        first!.CSeq.Should().Be(1);

        parser.Feed("\nOPTIONS * RTSP/1.0\r\nCSeq: 2\r\nContent-Length: 2\r\n\r"u8);
        parser.TryReadMessage(out _).Should().BeFalse();
        parser.Feed("\nab"u8);
        parser.TryReadMessage(out var second).Should().BeTrue();
        second!.CSeq.Should().Be(2);
        second.Body.Should().Equal("ab"u8.ToArray());
    }

    [Test]
    public void A_request_split_in_two_at_every_position_parses_the_same()
    {
        var bytes = Encoding.ASCII.GetBytes(Setup + DescribeReply);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var parser = new RtspMessageParser();
            parser.Feed(bytes.AsSpan(0, cut));
            parser.Feed(bytes.AsSpan(cut));
            Read(parser).Select(m => Encoding.ASCII.GetString(m.ToBytes())).Should().Equal(Setup, DescribeReply);
        }
    }

    [Test]
    public void A_half_message_waits_for_more_bytes()
    {
        var parser = Feed("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n");
        parser.TryReadMessage(out _).Should().BeFalse();
        parser.HasPartialMessage.Should().BeTrue();

        parser.Feed("\r\n"u8);
        parser.TryReadMessage(out var message).Should().BeTrue();
        message!.CSeq.Should().Be(1);
    }

    [Test]
    public void A_body_may_contain_anything_including_nul_and_a_dollar()
    {
        var head = "RTSP/1.0 200 OK\r\nContent-Length: 4\r\n\r\n"u8.ToArray();
        var parser = new RtspMessageParser();
        parser.Feed([.. head, 0, (byte)'$', 0xFF, (byte)'\n']);
        parser.TryReadMessage(out var message).Should().BeTrue();
        message!.Body.Should().Equal(0, (byte)'$', 0xFF, (byte)'\n');
    }

    [TestCase("OPTIONS * RTSP/2.0\r\n\r\n", RtspParseError.UnsupportedVersion, 505)]
    [TestCase("GET / HTTP/1.1\r\n\r\n", RtspParseError.UnsupportedVersion, 505)]
    [TestCase("OPTIONS *\r\n\r\n", RtspParseError.MalformedStartLine, 400)]
    [TestCase("OPTIONS * RTSP/1.0 extra\r\n\r\n", RtspParseError.MalformedStartLine, 400)]
    [TestCase("OPTIONS * RTSP1.0\r\n\r\n", RtspParseError.MalformedStartLine, 400)]
    [TestCase("RTSP/1.0 20 OK\r\n\r\n", RtspParseError.MalformedStartLine, 400)]
    [TestCase("RTSP/1.0 OK\r\n\r\n", RtspParseError.MalformedStartLine, 400)]
    [TestCase("OPT(IONS * RTSP/1.0\r\n\r\n", RtspParseError.MalformedStartLine, 400)]
    [TestCase("OPTIONS * RTSP/1.0\r\nno colon here\r\n\r\n", RtspParseError.InvalidHeaderLine, 400)]
    [TestCase("OPTIONS * RTSP/1.0\r\n: empty name\r\n\r\n", RtspParseError.InvalidHeaderLine, 400)]
    [TestCase("OPTIONS * RTSP/1.0\r\nBad Name: x\r\n\r\n", RtspParseError.InvalidHeaderLine, 400)]
    [TestCase("OPTIONS * RTSP/1.0\r\n continued: x\r\n\r\n", RtspParseError.InvalidHeaderLine, 400)]
    [TestCase("OPTIONS * RTSP/1.0\r\nCSeq: 1\0\r\n\r\n", RtspParseError.ControlCharacters, 400)]
    [TestCase("OPTIONS\0 * RTSP/1.0\r\n\r\n", RtspParseError.ControlCharacters, 400)]
    [TestCase("OPTIONS * RTSP/1.0\r\nX: \u0007bell\r\n\r\n", RtspParseError.ControlCharacters, 400)]
    [TestCase("OPTIONS * RTSP/1.0\r\nContent-Length: -1\r\n\r\n", RtspParseError.InvalidContentLength, 400)]
    [TestCase("OPTIONS * RTSP/1.0\r\nContent-Length: abc\r\n\r\n", RtspParseError.InvalidContentLength, 400)]
    [TestCase("OPTIONS * RTSP/1.0\r\nContent-Length: \r\n\r\n", RtspParseError.InvalidContentLength, 400)]
    [TestCase("OPTIONS * RTSP/1.0\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", RtspParseError.InvalidContentLength, 400)]
    [TestCase("OPTIONS * RTSP/1.0\r\nContent-Length: 99999999999\r\n\r\n", RtspParseError.BodyTooLarge, 413)]
    [TestCase("OPTIONS * RTSP/1.0\r\nContent-Length: 1048577\r\n\r\n", RtspParseError.BodyTooLarge, 413)]
    public void Malformed_input_is_rejected_with_a_reason_and_a_status(string text, RtspParseError error, int status)
    {
        var e = ExpectError(Encoding.Latin1.GetBytes(text));
        e.Error.Should().Be(error);
        e.StatusCode.Should().Be(status);
        e.ReasonPhrase.Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public void Content_length_at_the_limit_is_accepted()
    {
        var limits = new RtspParserLimits { MaxBodyLength = 5 };
        var parser = new RtspMessageParser(limits);
        parser.Feed("RTSP/1.0 200 OK\r\nContent-Length: 5\r\n\r\n12345"u8);
        parser.TryReadMessage(out var message).Should().BeTrue();
        message!.Body.Should().HaveCount(5);
    }

    [Test]
    public void A_200_kB_header_fails_before_the_line_ends()
    {
        var parser = new RtspMessageParser();
        parser.Feed("OPTIONS * RTSP/1.0\r\nX-Big: "u8);
        parser.Feed(new byte[200_000].Select(_ => (byte)'a').ToArray());

        var e = ExpectError(parser);
        e.Error.Should().Be(RtspParseError.HeaderLineTooLong);
        e.StatusCode.Should().Be(400);
        e.ReasonPhrase.Should().Be("Request Header Fields Too Large");
    }

    [Test]
    public void Five_thousand_headers_are_too_many()
    {
        var text = new StringBuilder("OPTIONS * RTSP/1.0\r\n");
        for (var i = 0; i < 5000; i++)
        {
            text.Append("X-H").Append(i).Append(": v\r\n");
        }

        var e = ExpectError(Encoding.ASCII.GetBytes(text.Append("\r\n").ToString()));
        e.Error.Should().Be(RtspParseError.TooManyHeaders);
        e.StatusCode.Should().Be(400);
        e.ReasonPhrase.Should().Be(RtspParseException.HeaderFieldsTooLargeReason);
    }

    [Test]
    public void Many_medium_headers_exceed_the_header_section_limit()
    {
        var limits = new RtspParserLimits { MaxHeaderBytes = 1000, MaxHeaderCount = 1000 };
        var text = new StringBuilder("OPTIONS * RTSP/1.0\r\n");
        for (var i = 0; i < 40; i++)
        {
            text.Append("X-H").Append(i).Append(": 0123456789012345678901234567890123456789\r\n");
        }

        var e = ExpectError(Encoding.ASCII.GetBytes(text.ToString()), limits);
        e.Error.Should().Be(RtspParseError.HeadersTooLarge);
        e.ReasonPhrase.Should().Be(RtspParseException.HeaderFieldsTooLargeReason);
    }

    [Test]
    public void A_folded_header_cannot_grow_past_the_line_limit()
    {
        var limits = new RtspParserLimits { MaxHeaderLineLength = 100 };
        var text = new StringBuilder("OPTIONS * RTSP/1.0\r\nX: start\r\n");
        for (var i = 0; i < 20; i++)
        {
            text.Append(" continued-part\r\n");
        }

        ExpectError(Encoding.ASCII.GetBytes(text.ToString()), limits).Error.Should().Be(RtspParseError.HeaderLineTooLong);
    }

    [Test]
    public void An_overlong_request_uri_is_414_and_an_overlong_status_line_is_400()
    {
        var uri = "rtsp://host/" + new string('a', 5000);
        var request = ExpectError(Encoding.ASCII.GetBytes($"DESCRIBE {uri} RTSP/1.0\r\n\r\n"));
        request.Error.Should().Be(RtspParseError.StartLineTooLong);
        request.StatusCode.Should().Be(414);

        var response = ExpectError(Encoding.ASCII.GetBytes("RTSP/1.0 200 " + new string('k', 5000)));
        response.Error.Should().Be(RtspParseError.StartLineTooLong);
        response.StatusCode.Should().Be(400);
    }

    [Test]
    public void Messages_before_an_error_are_delivered_then_the_parser_stays_dead()
    {
        var parser = Feed(Setup + "BROKEN\r\n\r\n");

        parser.TryReadMessage(out var first).Should().BeTrue();
        first!.CSeq.Should().Be(302);
        var read = () => parser.TryReadMessage(out _);
        var e = read.Should().Throw<RtspParseException>().Which;
        parser.IsFaulted.Should().BeTrue();

        read.Should().Throw<RtspParseException>().Which.Should().BeSameAs(e);
        var feed = () => parser.Feed(Encoding.ASCII.GetBytes(Setup));
        feed.Should().Throw<RtspParseException>().Which.Should().BeSameAs(e);
    }

    [Test]
    public void Header_values_are_trimmed_of_surrounding_white_space()
    {
        ParseOne("OPTIONS * RTSP/1.0\r\nCSeq:\t  7  \r\nX-Empty:\r\n\r\n").Headers.Should()
            .Equal(("CSeq", "7"), ("X-Empty", ""));
    }

    internal static RtspParseException ExpectError(byte[] bytes, RtspParserLimits? limits = null)
    {
        var parser = new RtspMessageParser(limits);
        parser.Feed(bytes);
        return ExpectError(parser);
    }

    private static RtspParseException ExpectError(RtspMessageParser parser)
    {
        var read = () =>
        {
            while (parser.TryReadMessage(out _))
            {
            }
        };
        return read.Should().Throw<RtspParseException>().Which;
    }

    private static RtspMessage ParseOne(string text)
    {
        var messages = Read(Feed(text));
        messages.Should().ContainSingle();
        return messages[0];
    }

    private static RtspMessageParser Feed(string text)
    {
        var parser = new RtspMessageParser();
        parser.Feed(Encoding.UTF8.GetBytes(text));
        return parser;
    }

    private static List<RtspMessage> Read(RtspMessageParser parser)
    {
        var messages = new List<RtspMessage>();
        while (parser.TryReadMessage(out var message))
        {
            messages.Add(message!);
        }

        return messages;
    }
}
