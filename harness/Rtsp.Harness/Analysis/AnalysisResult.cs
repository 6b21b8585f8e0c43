using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis;

/// <summary>
/// What the analyzers make of one <see cref="AnalysisInput"/>: every check's verdict, the time series the report
/// charts (e.g. "frame_interval_ms", "jitter_ms", "bitrate_kbps", each a list of (t seconds, value) points), and
/// the first and last reassembled JPEG frames for thumbnails.
/// </summary>
public sealed record AnalysisResult(
    IReadOnlyList<CheckResult> Results,
    IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> Series,
    byte[]? FirstFrameJpeg,
    byte[]? LastFrameJpeg);

/// <summary>One point of a chart: seconds since the first packet, and the value.</summary>
public readonly record struct SeriesPoint(double TimeSeconds, double Value);
