using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis.Jpeg;

/// <summary>The RFC 2435 checks' collectors, one per check, for one analysis.</summary>
internal sealed class JpegViolations
{
    public Violations Consistent { get; } = new(JpegAnalyzer.Consistent);

    public Violations Marker { get; } = new(JpegAnalyzer.Marker);

    public Violations Offsets { get; } = new(JpegAnalyzer.Offsets);

    public Violations Complete { get; } = new(JpegAnalyzer.Complete);

    public Violations Type { get; } = new(JpegAnalyzer.Type);

    public Violations Restart { get; } = new(JpegAnalyzer.Restart);

    public Violations Dimensions { get; } = new(JpegAnalyzer.Dimensions);

    public Violations Quantization { get; } = new(JpegAnalyzer.Quantization);

    public Violations Mtu { get; } = new(JpegAnalyzer.Mtu);

    public Violations Decode { get; } = new(JpegAnalyzer.Decode);

    /// <param name="none">Why nothing was judged: no JPEG stream in the input (names the formats seen instead).</param>
    /// <param name="anyJpeg">Whether the input had a JPEG stream (then the checks' own reasons apply).</param>
    public IEnumerable<CheckResult> Results(string none, bool anyJpeg)
    {
        yield return Consistent.Result("fragment headers valid and consistent.", none);
        yield return Marker.Result("marker on the last packet of every frame only.", none);
        yield return Offsets.Result("offsets contiguous from 0.", none);
        yield return Complete.Result("no fragment missing.", none);
        yield return Type.Result("types 0/1/64/65 only.", none);
        yield return Restart.Result("restart headers consistent.", anyJpeg ? "no frame of type 64-127" : none);
        yield return Dimensions.Result("dimensions valid and as decoded.", none);
        yield return Quantization.Result("Q and quantization tables valid.", none);
        yield return Mtu.Result($"every UDP packet within {JpegAnalyzer.PathMtu} bytes.", anyJpeg ? "no JPEG over UDP" : none);
        yield return Decode.Result("every complete frame decoded at its announced size.", anyJpeg ? "no complete frame to decode" : none);
    }
}
