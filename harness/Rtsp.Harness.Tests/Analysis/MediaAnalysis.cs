using Rtsp.Harness.Analysis;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>
/// The pipeline's verdicts on media only: the synthetic sessions carry SETUP/PLAY as events but no RTSP messages,
/// so the RTSP-exchange and SDP analyzers (tested on their own) are left out of these tests.
/// </summary>
public static class MediaAnalysis
{
    public static AnalysisResult Run(AnalysisInput input)
    {
        var result = AnalysisPipeline.Run(input);
        var media = AnalysisPipeline.Analyzers
            .Where(a => a.GetType().Namespace != typeof(Harness.Analysis.Rtsp.RtspExchangeAnalyzer).Namespace)
            .SelectMany(a => a.Checks).Select(c => c.Id).ToHashSet();
        return result with { Results = [.. result.Results.Where(r => media.Contains(r.Check.Id))] };
    }

    public static IEnumerable<CheckDefinition> Checks =>
        AnalysisPipeline.Analyzers
            .Where(a => a.GetType().Namespace != typeof(Harness.Analysis.Rtsp.RtspExchangeAnalyzer).Namespace)
            .SelectMany(a => a.Checks);
}
