using Rtsp.Harness.Analysis;
using Rtsp.Harness.Analysis.Rtsp;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>sdp.media.format: every RTP payload type of an m= line is static (RFC 3551) or mapped by a=rtpmap, whatever the codec.</summary>
public sealed class SdpMediaFormatTests
{
    private const string Session = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=clip\r\nt=0 0\r\na=control:*\r\n";

    [TestCase("m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n", "96 = H264/90000")]
    [TestCase("m=video 0 RTP/AVP 96\r\na=rtpmap:96 H265/90000\r\n", "96 = H265/90000")]
    [TestCase("m=video 0 RTP/AVP 26\r\n", "26 = JPEG/90000 (static)")]
    [TestCase("m=video 0 RTP/AVP 96\r\na=rtpmap:96 MP4V-ES/90000\r\nm=audio 0 RTP/AVP 0\r\n", "0 = PCMU/8000 (static)")]
    public void Mapped_or_static_formats_pass_whatever_the_codec(string media, string evidence)
    {
        var result = Judge(media);

        result.Verdict.Should().Be(Verdict.Pass, result.Evidence);
        result.Evidence.Should().Contain(evidence);
    }

    [TestCase("m=video 0 RTP/AVP 96\r\n", "payload type 96 has no a=rtpmap (dynamic)")]
    [TestCase("m=video 0 RTP/AVP 26 97\r\na=rtpmap:26 JPEG/90000\r\n", "payload type 97")]
    [TestCase("m=video 0 RTP/AVP 40\r\n", "payload type 40 has no a=rtpmap and no static assignment")]
    public void Unmapped_dynamic_or_unassigned_types_fail(string media, string evidence)
    {
        var result = Judge(media);

        result.Verdict.Should().Be(Verdict.Fail);
        result.Evidence.Should().Contain(evidence);
    }

    private static CheckResult Judge(string media)
    {
        var input = new AnalysisInput([], Session + media + "a=control:track1\r\n", [], TimestampsFromCapture: true);
        return new SdpAnalyzer().Analyze(input).Single(r => r.Check.Id == "sdp.media.format");
    }
}
