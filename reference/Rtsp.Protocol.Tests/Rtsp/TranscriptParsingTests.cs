using System.Text;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Protocol.Tests.Rtsp;

/// <summary>Every reply and request recorded from GStreamer's RTSP server and a perl relay parses.</summary>
public class TranscriptParsingTests
{
    private static IEnumerable<string> Files() => TranscriptFile.Names;

    [TestCaseSource(nameof(Files))]
    public void Every_reply_parses_one_by_one_and_pipelined(string file)
    {
        var replies = TranscriptFile.Replies(file);
        replies.Should().NotBeEmpty();

        foreach (var raw in replies)
        {
            var parser = new RtspMessageParser();
            parser.Feed(raw);
            parser.TryReadMessage(out var message).Should().BeTrue(Encoding.Latin1.GetString(raw));
            var response = message.Should().BeOfType<RtspResponse>().Subject;
            response.StatusCode.Should().BeInRange(200, 599);
            response.Version.Should().StartWith("RTSP/");
            parser.HasPartialMessage.Should().BeFalse();
            if (response.Headers.Get("Content-Length") is { } length)
            {
                response.Body.Length.Should().Be(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var all = new RtspMessageParser();
        all.Feed(replies.SelectMany(r => r).ToArray());
        var count = 0;
        while (all.TryReadMessage(out _))
        {
            count++;
        }

        count.Should().Be(replies.Count);
    }

    [TestCaseSource(nameof(Files))]
    public void Every_request_parses_and_typed_headers_read(string file)
    {
        var requests = TranscriptFile.Requests(file);
        requests.Should().NotBeEmpty();
        var parsed = new List<RtspRequest>();
        foreach (var raw in requests)
        {
            var parser = new RtspMessageParser();
            parser.Feed(raw);
            if (Encoding.Latin1.GetString(raw).Split("\r\n")[0].EndsWith(" RTSP/2.0", StringComparison.Ordinal))
            {
                // The recorder probed GStreamer with a 2.0 request: our server must answer it 505.
                var read = () => parser.TryReadMessage(out _);
                read.Should().Throw<RtspParseException>().Which.StatusCode.Should().Be(505);
                continue;
            }

            parser.TryReadMessage(out var message).Should().BeTrue();
            parsed.Add(message.Should().BeOfType<RtspRequest>().Subject);
        }

        foreach (var request in parsed)
        {
            request.Uri.Should().StartWith("rtsp://");
            if (request.Headers.Get("Transport") is { } transport)
            {
                TransportHeader.Parse(transport).Specs.Should().NotBeEmpty();
            }

            if (request.Headers.Get("Range") is { } range)
            {
                RangeHeader.Parse(range).Unit.Should().Be(RangeUnit.Npt);
            }
        }
    }

    [Test]
    public void Gst_describe_reply_has_its_sdp_body_and_content_base()
    {
        var describe = TranscriptFile.Replies("gst-test.txt")
            .Select(Parse)
            .First(r => r.Headers.Get("Content-Type") == "application/sdp");

        describe.Body.Should().HaveCount(373);
        Encoding.UTF8.GetString(describe.Body).Should().StartWith("v=0\r\n").And.Contain("a=control:stream=0\r\n");
        describe.Headers.Get("content-base").Should().Be("rtsp://127.0.0.1:8554/test/");
        describe.CSeq.Should().Be(2);
    }

    [Test]
    public void Gst_echo_of_a_non_numeric_cseq_parses_with_no_number()
    {
        var reply = TranscriptFile.Replies("gst-test.txt").Select(Parse).First(r => r.Headers.Get("CSeq") == "abc");
        reply.CSeq.Should().BeNull();
        reply.StatusCode.Should().Be(200);
    }

    [Test]
    public void Gst_answers_an_rtsp_2_request_as_2_0_and_the_response_keeps_that_version()
    {
        var reply = TranscriptFile.Replies("gst-test.txt").Select(Parse).Single(r => r.Version == "RTSP/2.0");
        reply.StatusCode.Should().Be(200);
        PublicHeader.Parse(reply.Headers.Get("Public")!).Contains("RECORD").Should().BeFalse();
    }

    private static RtspResponse Parse(byte[] raw)
    {
        var parser = new RtspMessageParser();
        parser.Feed(raw);
        parser.TryReadMessage(out var message).Should().BeTrue();
        return (RtspResponse)message!;
    }
}
