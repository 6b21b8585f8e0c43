using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis;

/// <summary>
/// One concern (RTP headers, sequence continuity, timestamps, frame timing, RTCP, RFC 2435, silence after
/// PAUSE/TEARDOWN, the RTSP exchange). Each analyzer declares the checks it owns and judges them from an
/// <see cref="AnalysisInput"/> alone, which a live run and <c>rtsp-harness analyze FILE.pcap</c> build the same way.
/// </summary>
public interface IAnalyzer
{
    IReadOnlyList<CheckDefinition> Checks { get; }

    IEnumerable<CheckResult> Analyze(AnalysisInput input);
}
