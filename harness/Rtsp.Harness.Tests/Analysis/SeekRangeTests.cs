using System.Text;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Analysis.Rtsp;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>
/// rtsp.play.seek reads the reply's Range as the position actually played (RFC 2326 §12.29): GStreamer's
/// "npt=6.000346536-10" to "Range: npt=6-" is right (issue #13 failed it on a regex); a start a second off is not.
/// </summary>
public sealed class SeekRangeTests
{
    [TestCase("npt=6.000346536-10", Verdict.Pass)]
    [TestCase("npt=6-", Verdict.Pass)]
    [TestCase("npt=5.96-10", Verdict.Pass)] // the frame before: within one frame at 25 fps
    [TestCase("npt=7-10", Verdict.Fail)]
    [TestCase("npt=0-10", Verdict.Fail)] // a seek ignored
    [TestCase("npt=5-6", Verdict.NotApplicable)] // past the end the reply names: rtsp.status.457's question
    public void The_reply_range_may_start_anywhere_within_a_frame_of_the_position_asked_for(string replyRange, Verdict expected)
    {
        var packets = new List<StreamPacket>
        {
            Packet(1, PacketKind.RtspRequest, PacketDirection.ToServer, "PLAY rtsp://127.0.0.1:554/s RTSP/1.0\r\nCSeq: 5\r\nSession: 42\r\nRange: npt=6-\r\n\r\n"),
            Packet(2, PacketKind.RtspResponse, PacketDirection.FromServer,
                $"RTSP/1.0 200 OK\r\nCSeq: 5\r\nSession: 42\r\nRange: {replyRange}\r\nRTP-Info: url=rtsp://127.0.0.1:554/s/stream=0;seq=1;rtptime=2\r\n\r\n"),
        };

        var seek = new RtspExchangeAnalyzer().Analyze(new AnalysisInput(packets, null, [], false) { NominalFrameRate = 25 })
            .Single(r => r.Check.Id == RtspChecks.PlaySeek.Id);

        seek.Verdict.Should().Be(expected, seek.Evidence);
    }

    private static StreamPacket Packet(long number, PacketKind kind, PacketDirection direction, string text) =>
        direction == PacketDirection.ToServer
            ? new(number, number * 1000, kind, direction, true, "127.0.0.1", 40000, "127.0.0.1", 554, null, Encoding.ASCII.GetBytes(text))
            : new(number, number * 1000, kind, direction, true, "127.0.0.1", 554, "127.0.0.1", 40000, null, Encoding.ASCII.GetBytes(text));
}
