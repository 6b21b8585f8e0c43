using Rtsp.Protocol.Sdp;

namespace Rtsp.Protocol.Tests.Sdp;

public class SessionDescriptionErrorTests
{
    private const string Head = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    [TestCase("", 1, "empty session description")]
    [TestCase("o=- 1 1 IN IP4 127.0.0.1\r\nv=0\r\n", 1, "must start with v=0")]
    [TestCase("v=1\r\n", 1, "v= must be 0")]
    [TestCase("v=0\r\no=- 1 IN IP4 127.0.0.1\r\n", 2, "o= needs 6 space-separated fields")]
    [TestCase("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\nt=0 0\r\n", 4, "no s= line")]
    [TestCase("v=0\r\ns=-\r\n", 3, "no o= line")]
    [TestCase(Head + "x=1\r\n", 5, "unknown line type 'x='")]
    [TestCase(Head + "A=1\r\n", 5, "unknown line type 'A='")]
    [TestCase(Head + "a = b\r\n", 5, "no space before '='")]
    [TestCase(Head + "garbage\r\n", 5, "expected '<type>=<value>'")]
    [TestCase(Head + "m=video abc RTP/AVP 26\r\n", 5, "m= port 'abc' is not a number")]
    [TestCase(Head + "m=video 70000 RTP/AVP 26\r\n", 5, "from 0 to 65535")]
    [TestCase(Head + "m=video 0/x RTP/AVP 26\r\n", 5, "port count 'x'")]
    [TestCase(Head + "m=video 0 RTP/AVP\r\n", 5, "at least one format")]
    [TestCase(Head + "m=video 0 RTP/AVP 26\r\na=rtpmap:26 JPEG\r\n", 6, "a=rtpmap needs")]
    [TestCase(Head + "m=video 0 RTP/AVP 26\r\na=rtpmap:x JPEG/90000\r\n", 6, "a=rtpmap needs")]
    [TestCase(Head + "m=video 0 RTP/AVP 26\r\na=framerate:fast\r\n", 6, "a=framerate needs a positive decimal")]
    [TestCase(Head + "m=video 0 RTP/AVP 26\r\na=framerate:-5\r\n", 6, "a=framerate needs")]
    [TestCase(Head + "m=video 0 RTP/AVP 96\r\na=fmtp:h264 x=1\r\n", 6, "a=fmtp needs")]
    [TestCase(Head + "m=video 0 RTP/AVP 26\r\nt=0 0\r\n", 6, "session-level line and cannot follow m=")]
    [TestCase(Head + "c=IN IP4\r\n", 5, "c= needs 3")]
    [TestCase(Head + "c=IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\n", 6, "second c= line")]
    [TestCase(Head + "b=AS\r\n", 5, "b= needs <bwtype>:<bandwidth>")]
    [TestCase(Head + "b=AS:lots\r\n", 5, "is not a non-negative integer")]
    [TestCase("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=now\r\n", 4, "t= needs two decimal times")]
    [TestCase("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nr=7d\r\n", 4, "r= must follow a t= line")]
    [TestCase(Head + "a=\r\n", 5, "a= has no attribute name")]
    [TestCase(Head + "v=0\r\n", 5, "second v= line")]
    public void Malformed_descriptions_name_the_line_and_the_problem(string text, int line, string reason)
    {
        var act = () => SessionDescription.Parse(text);

        var error = act.Should().Throw<SdpFormatException>().Which;
        error.LineNumber.Should().Be(line);
        error.Reason.Should().Contain(reason);
        error.Message.Should().StartWith($"SDP line {line}: ");
        error.Should().BeAssignableTo<ProtocolFormatException>();
        SessionDescription.TryParse(text, out var description, out var message).Should().BeFalse();
        description.Should().BeNull();
        message.Should().Be(error.Message);
    }

    [Test]
    public void A_huge_bad_line_is_quoted_short_and_printable()
    {
        var act = () => SessionDescription.Parse(Head + "m=video " + new string('9', 100_000) + "\u0001 RTP/AVP 26\r\n");
        act.Should().Throw<SdpFormatException>().Which.Message.Length.Should().BeLessThan(200);
    }
}
