using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis.H26x;

/// <summary>The collectors of one codec's checks for one analysis.</summary>
internal sealed class H26xViolations(H26xChecks checks)
{
    public Violations Packetization { get; } = new(checks.Packetization);

    public Violations FuBoundaries { get; } = new(checks.FuBoundaries);

    public Violations ForbiddenBit { get; } = new(checks.ForbiddenBit);

    public Violations NalTypes { get; } = new(checks.NalTypes);

    public Violations Marker { get; } = new(checks.Marker);

    public Violations Timestamp { get; } = new(checks.TimestampPerAccessUnit);

    public Violations ParameterSets { get; } = new(checks.ParameterSets);

    public Violations Decode { get; } = new(checks.Decode);

    public Violations Mtu { get; } = new(checks.Mtu);

    /// <param name="none">Why nothing was judged when no stream of this format was in the input.</param>
    /// <param name="anyStream">Whether a stream of this format was analyzed (then the checks' own reasons apply).</param>
    public IEnumerable<CheckResult> Results(string none, bool anyStream)
    {
        string Or(string reason) => anyStream ? reason : none;
        yield return Packetization.Result("every packet a type the mode allows, aggregation well formed.", Or("no packet could be judged"));
        yield return FuBoundaries.Result("every fragmented NAL unit with S first, E last, nothing in between.", Or("no fragmentation unit"));
        yield return ForbiddenBit.Result("F = 0 in every header.", Or("no NAL unit"));
        yield return NalTypes.Result("no reserved NAL unit type.", Or("no NAL unit"));
        yield return Marker.Result("marker on the last packet of every access unit only.", Or("no access unit with a known end"));
        yield return Timestamp.Result("one timestamp per access unit.", Or("no access unit followed another without loss"));
        yield return ParameterSets.Result("parameter sets present and consistent.", Or("no parameter set and no random-access picture"));
        yield return Decode.Result("every complete access unit decoded.", Or("no complete access unit from a random-access picture on"));
        yield return Mtu.Result($"every UDP packet within {Payload.PathMtu.Bytes} bytes.", Or("no stream over UDP"));
    }
}
