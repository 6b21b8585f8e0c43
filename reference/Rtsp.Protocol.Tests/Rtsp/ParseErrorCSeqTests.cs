using System.Text;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Protocol.Tests.Rtsp;

/// <summary>
/// A parse error carries the CSeq of the rejected request when it was read (and valid) before the error, so the
/// refusal can echo it (RFC 2326 12.17). A version other than RTSP/1.0 is judged only after the headers for the
/// same reason: the 505 then names the request it refuses.
/// </summary>
public class ParseErrorCSeqTests
{
    [TestCase("OPTIONS * RTSP/2.0\r\nCSeq: 7\r\n\r\n", RtspParseError.UnsupportedVersion, "7")]
    [TestCase("GET / HTTP/1.1\r\nHost: x\r\n\r\n", RtspParseError.UnsupportedVersion, null)]
    [TestCase("OPTIONS * RTSP/1.0\r\nCSeq: 3\r\nContent-Length: -1\r\n\r\n", RtspParseError.InvalidContentLength, "3")]
    [TestCase("OPTIONS * RTSP/2.0\r\nCSeq: 007\r\n\r\n", RtspParseError.UnsupportedVersion, "007")]
    [TestCase("OPTIONS * RTSP/1.0\r\nCSeq: 4\r\nContent-Length: 99999999999\r\n\r\n", RtspParseError.BodyTooLarge, "4")]
    [TestCase("OPTIONS * RTSP/1.0\r\nCSeq: 5\r\nX: a\0b\r\n\r\n", RtspParseError.ControlCharacters, "5")]
    [TestCase("OPTIONS * RTSP/1.0\r\nCSeq: 6\r\nno colon\r\n\r\n", RtspParseError.InvalidHeaderLine, "6")]
    [TestCase("OPTIONS * RTSP/1.0\r\nX: a\0b\r\nCSeq: 5\r\n\r\n", RtspParseError.ControlCharacters, null)]
    [TestCase("OPTIONS * RTSP/1.0\r\nCSeq: -1\r\nContent-Length: x\r\n\r\n", RtspParseError.InvalidContentLength, null)]
    [TestCase("OPTIONS * RTSP/1.0\r\nCSeq: 99999999999999999999\r\nContent-Length: x\r\n\r\n", RtspParseError.InvalidContentLength, null)]
    [TestCase("OPTIONS\0 * RTSP/1.0\r\nCSeq: 1\r\n\r\n", RtspParseError.ControlCharacters, null)]
    public void The_error_carries_the_CSeq_read_before_it(string input, RtspParseError error, string? cseq)
    {
        var e = Parse(Encoding.Latin1.GetBytes(input));
        e.Error.Should().Be(error);
        e.CSeq.Should().Be(cseq);
    }

    [Test]
    public void A_CSeq_line_cut_short_by_an_error_is_not_echoed()
    {
        // The NUL is inside the CSeq line: the line never ended, so its value is never taken for the CSeq.
        Parse("OPTIONS * RTSP/1.0\r\nCSeq: 12\0\r\n\r\n"u8.ToArray()).CSeq.Should().BeNull();
    }

    [Test]
    public void Another_version_is_refused_only_after_its_headers()
    {
        var parser = new RtspMessageParser();
        parser.Feed("OPTIONS * RTSP/2.0\r\nCSeq: 7\r\n"u8);
        parser.TryReadMessage(out _).Should().BeFalse("the headers are not complete yet");
        parser.IsFaulted.Should().BeFalse();
        parser.Feed("\r\n"u8);
        var read = () => parser.TryReadMessage(out _);
        read.Should().Throw<RtspParseException>().Which.StatusCode.Should().Be(505);
    }

    [Test]
    public void Another_version_with_oversized_headers_is_refused_for_the_headers()
    {
        var parser = new RtspMessageParser(new RtspParserLimits { MaxHeaderCount = 2 });
        parser.Feed("OPTIONS * RTSP/2.0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"u8);
        var read = () => parser.TryReadMessage(out _);
        read.Should().Throw<RtspParseException>().Which.Error.Should().Be(RtspParseError.TooManyHeaders);
    }

    private static RtspParseException Parse(byte[] input)
    {
        var parser = new RtspMessageParser();
        parser.Feed(input);
        var read = () =>
        {
            while (parser.TryReadMessage(out _))
            {
            }
        };
        return read.Should().Throw<RtspParseException>().Which;
    }
}
