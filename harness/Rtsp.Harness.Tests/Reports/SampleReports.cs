using Rtsp.Harness.Analysis;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Tests.Analysis;

namespace Rtsp.Harness.Tests.Reports;

/// <summary>A run report with every outcome, real analysis results (synthetic sessions) and a hostile transcript.</summary>
public static class SampleReports
{
    public const string Hostile = "RTSP/1.0 200 OK\r\nX-Evil: <script>alert('x')</script> & \"quotes\" </pre> \u0001\r\n\r\n";

    public const string NotApplicableReason = "needs live-media; the target is stored media (a=range:npt=0-10)";

    public static RunReport Build(string runId = "20261125-150000")
    {
        var clean = MediaAnalysis.Run(new SyntheticSession(overTcp: false, frames: 60).ToInput());
        var broken = new SyntheticSession(overTcp: true, frames: 60);
        broken.Rtp.ForEach(p => p.Packet.Marker = false);
        var failing = MediaAnalysis.Run(broken.ToInput());
        var empty = new AnalysisResult([], new Dictionary<string, IReadOnlyList<SeriesPoint>>(), null, null);
        var transcript = new List<TranscriptEntry>
        {
            new(SyntheticSession.Start, false, "DESCRIBE rtsp://127.0.0.1:8554/clip RTSP/1.0\r\nCSeq: 1\r\n\r\n"),
            new(SyntheticSession.Start + 1_000_000, true, Hostile),
        };
        return new RunReport(runId, "rtsp://127.0.0.1:8554/clip", new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(42),
            "pcap", AnalysisPipeline.Catalogue,
        [
            new("happy-path", "DESCRIBE, SETUP, PLAY 2 s, TEARDOWN", "udp", ScenarioOutcome.Pass, null, transcript, clean, "captures/run/happy-path-udp.pcap", 0, TimeSpan.FromSeconds(3)),
            new("happy-path", "DESCRIBE, SETUP, PLAY 2 s, TEARDOWN", "tcp", ScenarioOutcome.Fail, null, transcript, failing, "captures/run/happy-path-tcp.pcap", 2, TimeSpan.FromSeconds(3)),
            new("pause <resume>", "PAUSE then PLAY", "udp", ScenarioOutcome.NotSupported, null, transcript,
                empty with { Results = [new CheckResult(new CheckDefinition("rtsp.pause", CheckLevel.Must, "RFC 2326 §10.6", "PAUSE"), Verdict.NotSupported, "PAUSE not in Public")] },
                null, 0, TimeSpan.FromSeconds(1)),
            new("server-gone", "the server died", "tcp", ScenarioOutcome.Error, "connection refused <127.0.0.1:8554>", [], empty, null, 0, TimeSpan.Zero),
            new("seek-live", "a seek on live media is refused", "udp", ScenarioOutcome.NotApplicable, NotApplicableReason, [], empty, null, 0, TimeSpan.Zero),
        ])
        {
            Presentation = "stored media (a=range:npt=0-10)",
        };
    }
}
