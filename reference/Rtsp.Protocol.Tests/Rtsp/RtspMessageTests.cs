using System.Text;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Protocol.Tests.Rtsp;

public class RtspMessageTests
{
    [Test]
    public void A_request_serialises_with_crlf_and_no_content_length_without_a_body()
    {
        var request = new RtspRequest(RtspMethods.Options, "rtsp://127.0.0.1:8554/test") { CSeq = 1 };
        request.Headers.Add("User-Agent", "rtsp-ref");

        Encoding.ASCII.GetString(request.ToBytes()).Should().Be(
            "OPTIONS rtsp://127.0.0.1:8554/test RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: rtsp-ref\r\n\r\n");
    }

    [Test]
    public void A_body_sets_content_length_and_a_stale_one_is_corrected_in_place()
    {
        var response = new RtspResponse(RtspStatus.Ok) { CSeq = 2, Body = "v=0\r\n"u8.ToArray() };
        response.Headers.Add("Content-Length", "999");
        response.Headers.Add("Content-Type", "application/sdp");

        Encoding.ASCII.GetString(response.ToBytes()).Should().Be(
            "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: 5\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n");

        var fresh = new RtspResponse(200) { Body = [1, 2, 3] };
        Encoding.ASCII.GetString(fresh.ToBytes()).Should().Contain("Content-Length: 3\r\n\r\n");
    }

    [TestCase(200, "OK")]
    [TestCase(250, "Low on Storage Space")]
    [TestCase(302, "Moved Temporarily")]
    [TestCase(408, "Request Time-out")]
    [TestCase(414, "Request-URI Too Large")]
    [TestCase(451, "Parameter Not Understood")]
    [TestCase(452, "Conference Not Found")]
    [TestCase(453, "Not Enough Bandwidth")]
    [TestCase(454, "Session Not Found")]
    [TestCase(455, "Method Not Valid in This State")]
    [TestCase(456, "Header Field Not Valid for Resource")]
    [TestCase(457, "Invalid Range")]
    [TestCase(458, "Parameter Is Read-Only")]
    [TestCase(459, "Aggregate operation not allowed")]
    [TestCase(460, "Only aggregate operation allowed")]
    [TestCase(461, "Unsupported transport")]
    [TestCase(462, "Destination unreachable")]
    [TestCase(505, "RTSP Version not supported")]
    [TestCase(551, "Option not supported")]
    public void Status_codes_carry_the_rfc_2326_reason_phrase(int code, string phrase)
    {
        RtspStatus.ReasonPhrase(code).Should().Be(phrase);
        new RtspResponse(code).StartLine.Should().Be($"RTSP/1.0 {code} {phrase}");
    }

    [Test]
    public void All_44_rfc_2326_codes_are_known_and_unknown_codes_fall_back_to_their_class()
    {
        RtspStatus.KnownCodes.Should().HaveCount(44);
        RtspStatus.ReasonPhrase(499).Should().Be("Bad Request");
        RtspStatus.ReasonPhrase(299).Should().Be("OK");
    }

    [Test]
    public void Header_collection_set_replaces_all_and_keeps_the_first_position()
    {
        var headers = new RtspHeaderCollection { { "A", "1" }, { "B", "2" }, { "a", "3" } };
        headers.Set("A", "9");

        headers.Should().Equal(("A", "9"), ("B", "2"));
        headers.Remove("b").Should().BeTrue();
        headers.Remove("b").Should().BeFalse();
        headers.Contains("a").Should().BeTrue();
        headers.Count.Should().Be(1);
    }

    [TestCase("Bad Name", "x")]
    [TestCase("X", "line\r\nInjected: yes")]
    [TestCase("X", "nul\0")]
    [TestCase("", "x")]
    public void Header_collection_refuses_names_and_values_that_would_break_the_framing(string name, string value)
    {
        var act = () => new RtspHeaderCollection().Add(name, value);
        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Requests_refuse_a_uri_with_spaces_and_an_invalid_method()
    {
        ((Action)(() => _ = new RtspRequest("PLAY", "rtsp://a b"))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new RtspRequest("PL AY", "rtsp://a"))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new RtspResponse(42))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void A_serialised_message_parses_back_to_the_same_message()
    {
        var request = new RtspRequest(RtspMethods.SetParameter, "rtsp://h/s") { CSeq = 421, Body = "barparam: barstuff\r\n"u8.ToArray() };
        request.Headers.Add("Content-Type", "text/parameters");

        var parser = new RtspMessageParser();
        parser.Feed(request.ToBytes());
        parser.TryReadMessage(out var back).Should().BeTrue();

        back.Should().BeOfType<RtspRequest>().Which.Method.Should().Be(RtspMethods.SetParameter);
        back!.ToBytes().Should().Equal(request.ToBytes());
    }
}
