using Rtsp.Harness.Analysis.H26x;
using Rtsp.Harness.Analysis.Jpeg;
using Rtsp.Harness.Analysis.Rtcp;
using Rtsp.Harness.Analysis.Rtp;
using Rtsp.Harness.Analysis.Silence;
using Rtsp.Harness.Analysis.Timing;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis;

/// <summary>
/// Runs every analyzer over one <see cref="AnalysisInput"/>. A live run and <c>rtsp-harness analyze FILE.pcap</c>
/// both end here, so a verdict never depends on how the packets were obtained. The catalogue is the union of the
/// analyzers' checks.
/// </summary>
public static class AnalysisPipeline
{
    /// <summary>Every analyzer, one per concern. Add an analyzer here and its checks join the catalogue.</summary>
    public static readonly List<IAnalyzer> Analyzers =
    [
        new Rtsp.RtspExchangeAnalyzer(), new Rtsp.SdpAnalyzer(),
        new RtpHeaderAnalyzer(),
        new SequenceAnalyzer(),
        new TimestampAnalyzer(),
        new FrameTimingAnalyzer(),
        new RtcpAnalyzer(),
        new JpegAnalyzer(),
        new H26xAnalyzer(H26xChecks.H264),
        new H26xAnalyzer(H26xChecks.H265),
        new SilenceAnalyzer(),
    ];

    public static IReadOnlyList<CheckDefinition> Catalogue => [.. Analyzers.SelectMany(a => a.Checks)];

    public static AnalysisResult Run(AnalysisInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var artifacts = new AnalysisArtifacts();
        var results = new List<CheckResult>();
        foreach (var analyzer in Analyzers)
        {
            results.AddRange(analyzer is IArtifactProducer producer ? producer.Analyze(input, artifacts) : analyzer.Analyze(input));
        }

        return new AnalysisResult(results, artifacts.Series, artifacts.FirstFrameJpeg, artifacts.LastFrameJpeg);
    }
}
