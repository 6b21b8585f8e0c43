using System.Text;
using FluentAssertions;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Analysis.Rtsp;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Packets;

namespace Rtsp.Harness.Tests.Robustness;

/// <summary>
/// rtsp.cseq.echo and robustness-malformed-headers: a CSeq that is not 1*DIGIT is itself the malformation, so a 400
/// without a CSeq is no echo failure; a valid CSeq must still be echoed, also on a 400.
/// </summary>
public sealed class MalformedCSeqEchoTests
{
    private static CheckResult CSeqEcho(string requestCSeq, string response)
    {
        var packets = new List<StreamPacket>
        {
            Packet(1, PacketKind.RtspRequest, PacketDirection.ToServer, $"OPTIONS rtsp://127.0.0.1:554/s RTSP/1.0\r\nCSeq: {requestCSeq}\r\n\r\n"),
            Packet(2, PacketKind.RtspResponse, PacketDirection.FromServer, response),
        };
        return new RtspExchangeAnalyzer().Analyze(new AnalysisInput(packets, null, [], false)).Single(r => r.Check.Id == RtspChecks.CSeqEcho.Id);
    }

    private static StreamPacket Packet(long number, PacketKind kind, PacketDirection direction, string text) =>
        direction == PacketDirection.ToServer
            ? new(number, number * 1000, kind, direction, true, "127.0.0.1", 40000, "127.0.0.1", 554, null, Encoding.ASCII.GetBytes(text))
            : new(number, number * 1000, kind, direction, true, "127.0.0.1", 554, "127.0.0.1", 40000, null, Encoding.ASCII.GetBytes(text));

    [TestCase("abc")]
    [TestCase("-1")]
    public void A_400_to_a_malformed_CSeq_need_not_echo_it(string cseq) =>
        CSeqEcho(cseq, "RTSP/1.0 400 Bad Request\r\n\r\n").Verdict.Should().NotBe(Verdict.Fail);

    [Test]
    public void A_valid_CSeq_must_still_be_echoed_on_a_400()
    {
        var result = CSeqEcho("7", "RTSP/1.0 400 Bad Request\r\n\r\n");
        result.Verdict.Should().Be(Verdict.Fail);
        result.Evidence.Should().Contain("CSeq 7").And.Contain("no CSeq");
    }
}
