namespace Rtsp.Harness.Analysis;

/// <summary>
/// What analyzers draw besides verdicts, gathered by <see cref="AnalysisPipeline"/> into the
/// <see cref="AnalysisResult"/>: chart series by name and the first and last reassembled JPEG frames.
/// </summary>
public sealed class AnalysisArtifacts
{
    public Dictionary<string, IReadOnlyList<SeriesPoint>> Series { get; } = new(StringComparer.Ordinal);

    public byte[]? FirstFrameJpeg { get; set; }

    public byte[]? LastFrameJpeg { get; set; }
}

/// <summary>An analyzer that also contributes <see cref="AnalysisArtifacts"/> (charts, thumbnails).</summary>
public interface IArtifactProducer
{
    IEnumerable<Checks.CheckResult> Analyze(AnalysisInput input, AnalysisArtifacts artifacts);
}
