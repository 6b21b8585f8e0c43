using FluentAssertions;
using Rtsp.Harness.Checks;
using Rtsp.Protocol.H26x;

namespace Rtsp.Harness.Tests.Analysis.H26x;

/// <summary>
/// H.264/H.265 pictures go out in decoding order, so with B-frames a timestamp follows a later one (RFC 3550 §5.1:
/// "Timestamps may not be monotonic if the data is not transmitted in the order it was sampled"): rtp.ts.monotonic
/// and rtp.ts.frame-delta judge such a stream in presentation order, timing.late-frames one picture per period, and
/// monotonic still fails a clock that really goes back.
/// </summary>
public sealed class DecodingOrderTimestampTests
{
    private const int Tick = 3600; // one 25 fps frame at 90 kHz

    [TestCase(H26xCodec.H264)]
    [TestCase(H26xCodec.H265)]
    public void B_frame_order_passes_monotonic_and_frame_delta(H26xCodec codec)
    {
        var session = H26xSession.Build(codec);
        // Decoding order I P B B P B B ...: after the first picture, each P is stamped two frames ahead of the B-frames
        // sent after it; the last two pictures close the sequence in order (every presentation slot is used once).
        var last = session.Rtp.Max(p => p.Frame);
        Restamp(session, frame => frame == 0 || frame >= last - 1 ? frame : (frame % 3) switch { 1 => frame + 2, _ => frame - 1 });

        var results = MediaAnalysis.Run(session.ToInput() with { DecodeFrames = false }).Results;

        Verdict(results, "rtp.ts.monotonic").Should().Be(Checks.Verdict.Pass);
        Verdict(results, "rtp.ts.frame-delta").Should().Be(Checks.Verdict.Pass);
        Verdict(results, "timing.late-frames").Should().Be(Checks.Verdict.Pass, "one picture per frame period is paced, whatever order its timestamps come in");
    }

    [TestCase(H26xCodec.H264)]
    [TestCase(H26xCodec.H265)]
    public void A_picture_stamped_further_back_than_any_reordering_fails_monotonic(H26xCodec codec)
    {
        var session = H26xSession.Build(codec);
        Restamp(session, frame => frame == 25 ? 2 : frame); // 23 frames back: no decoder reorders that far

        var results = MediaAnalysis.Run(session.ToInput() with { DecodeFrames = false }).Results;

        var monotonic = results.Single(r => r.Check.Id == "rtp.ts.monotonic");
        monotonic.Verdict.Should().Be(Checks.Verdict.Fail);
        monotonic.Evidence.Should().Contain("decoding order reorders at most 16 frames");
    }

    [Test]
    public void A_jpeg_stream_still_fails_a_single_step_back()
    {
        var session = new SyntheticSession(overTcp: false, frames: 30);
        foreach (var packet in session.Rtp.Where(p => p.Frame == 10))
        {
            packet.Packet.Timestamp -= 2 * Tick;
        }

        var results = MediaAnalysis.Run(session.ToInput() with { DecodeFrames = false }).Results;

        results.Single(r => r.Check.Id == "rtp.ts.monotonic").Verdict.Should().Be(Checks.Verdict.Fail);
    }

    private static void Restamp(SyntheticSession session, Func<int, int> presentationIndex)
    {
        foreach (var packet in session.Rtp)
        {
            packet.Packet.Timestamp = SyntheticSession.FirstTimestamp + (uint)(presentationIndex(packet.Frame) * Tick);
        }
    }

    private static Verdict Verdict(IEnumerable<CheckResult> results, string id)
    {
        var result = results.Single(r => r.Check.Id == id);
        TestContext.Out.WriteLine($"{id} {result.Verdict}: {result.Evidence}");
        return result.Verdict;
    }
}
