using Rtsp.Fuzz.Targets;
using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Tests.Fuzzing;

/// <summary>
/// One test per crasher afl-fuzz found, stating what the parser must do with it now. The crasher files also sit in
/// FuzzCorpus/TARGET/crash-*, so <see cref="FuzzCorpusReplayTests"/> replays them and afl-fuzz starts from them.
/// </summary>
public class FuzzCrasherRegressionTests
{
    private static byte[] Crasher(string target, string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "FuzzCorpus", target, name));

    /// <summary>scripts/fuzz.sh, 2026-11-25, 20 s on jpeg-depacketizer: a main header with width 0 threw
    /// ArgumentOutOfRangeException from JpegHeaderBuilder inside Push. Fixed on main (cb8dd61, found there too):
    /// the frame is dropped as ZeroSize and counted unsupported.</summary>
    [Test]
    public void Jpeg_depacketizer_drops_a_width_zero_frame_as_unsupported()
    {
        var depacketizer = new JpegDepacketizer();
        var reasons = new List<JpegFrameDropReason?>();
        foreach (var packet in JpegDepacketizerTarget.Packets(Crasher("jpeg-depacketizer", "crash-2026-11-25-width-zero")))
        {
            depacketizer.Push(packet.Sequence, packet.Timestamp, packet.Marker, packet.Payload.Span).Should().BeNull();
            reasons.Add(depacketizer.LastDropReason);
        }

        reasons[0].Should().Be(JpegFrameDropReason.ZeroSize, "the first packet is the width-0 frame that used to throw");
        depacketizer.UnsupportedFrames.Should().BeGreaterThan(0);
    }
}
