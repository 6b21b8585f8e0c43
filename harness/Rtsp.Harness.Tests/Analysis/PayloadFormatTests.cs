using Rtsp.Harness.Analysis.Payload;
using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Tests.Analysis.H26x;
using Rtsp.Protocol.H26x;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>The payload format a stream is judged as: its payload type through its media section's a=rtpmap, else RFC 3551's static types.</summary>
public sealed class PayloadFormatTests
{
    [TestCase("H264/90000", PayloadKind.H264)]
    [TestCase("h264/90000", PayloadKind.H264)]
    [TestCase("H265/90000", PayloadKind.H265)]
    [TestCase("JPEG/90000", PayloadKind.Jpeg)]
    [TestCase("MP4V-ES/90000", PayloadKind.Unknown)]
    [TestCase("VP8/90000", PayloadKind.Unknown)]
    public void The_rtpmap_of_the_streams_payload_type_decides(string rtpmap, PayloadKind kind)
    {
        var session = H26xSession.Build(H26xCodec.H264);
        session.Sdp = session.Sdp.Replace("H264/90000", rtpmap, StringComparison.Ordinal);
        var input = session.ToInput();

        var format = PayloadFormat.Of(MediaStreams.Of(input).Single(s => s.Rtp.Count > 0), input);

        format.Kind.Should().Be(kind);
        format.Description.Should().Be($"{rtpmap} (pt 96)");
    }

    [Test]
    public void Static_type_26_is_jpeg_and_an_unmapped_dynamic_type_is_unknown()
    {
        var jpeg = new SyntheticSession(overTcp: false, frames: 3).ToInput();
        var unmapped = H26xSession.Build(H26xCodec.H264);
        unmapped.Sdp = unmapped.Sdp.Replace("a=rtpmap:96 H264/90000\r\n", "", StringComparison.Ordinal);
        var unmappedInput = unmapped.ToInput();

        PayloadFormat.Of(MediaStreams.Of(jpeg).Single(s => s.Rtp.Count > 0), jpeg).Kind.Should().Be(PayloadKind.Jpeg);
        var format = PayloadFormat.Of(MediaStreams.Of(unmappedInput).Single(s => s.Rtp.Count > 0), unmappedInput);
        format.Kind.Should().Be(PayloadKind.Unknown);
        format.Description.Should().Be("pt 96 (no a=rtpmap)");
    }

    [TestCase(H26xCodec.H264, PayloadKind.H264)]
    [TestCase(H26xCodec.H265, PayloadKind.H265)]
    public void Without_sdp_a_dynamic_type_is_guessed_from_the_payloads_and_judged(H26xCodec codec, PayloadKind kind)
    {
        var session = H26xSession.Build(codec);
        session.Sdp = "";
        var input = session.ToInput() with { DecodeFrames = false };

        var format = PayloadFormat.Of(MediaStreams.Of(input).Single(s => s.Rtp.Count > 0), input);
        var results = MediaAnalysis.Run(input).Results;

        format.Kind.Should().Be(kind);
        format.Description.Should().Contain("guessed from the payloads");
        string prefix = codec == H26xCodec.H264 ? "h264." : "h265.";
        results.Single(r => r.Check.Id == prefix + "fu.boundaries").Verdict.Should().Be(Checks.Verdict.Pass);
        results.Where(r => r.Check.Id.StartsWith("jpeg.", StringComparison.Ordinal)).Should().OnlyContain(r => r.Verdict == Checks.Verdict.NotApplicable);
    }

    [Test]
    public void Without_sdp_jpeg_on_a_dynamic_type_is_guessed_as_jpeg()
    {
        var session = new SyntheticSession(overTcp: false, frames: 10);
        session.Rtp.ForEach(p => p.Packet.PayloadType = 96);
        session.Sdp = "";
        var input = session.ToInput();

        PayloadFormat.Of(MediaStreams.Of(input).Single(s => s.Rtp.Count > 0), input).Kind.Should().Be(PayloadKind.Jpeg);
    }
}
