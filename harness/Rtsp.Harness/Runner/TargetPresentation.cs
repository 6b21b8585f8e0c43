using Rtsp.Harness.Scenarios;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Sdp;

namespace Rtsp.Harness.Runner;

/// <summary>Stored (a known duration), live (no end), or not known (the SDP does not say).</summary>
public enum PresentationKind
{
    Stored,
    Live,
    Unknown,
}

/// <summary>
/// What the target presentation is, as its DESCRIBE says it (RFC 2326 Appendix C.1.5: <c>a=range:npt=0-34.4</c> for
/// stored media, <c>a=range:npt=now-</c> for live), and whether a scenario's <see cref="Scenario.Requires"/> are met.
/// A range with no end is live too: nothing can be sought in or played to the end of it. Without an a=range the kind
/// is unknown and every scenario with a requirement is not applicable: guessing would turn a harness assumption into
/// a finding against the server.
/// </summary>
/// <param name="Evidence">What the kind was read from, e.g. <c>a=range:npt=now-</c>, shown in the report.</param>
public sealed record TargetPresentation(PresentationKind Kind, string Evidence)
{
    public static TargetPresentation Unknown(string why) => new(PresentationKind.Unknown, why);

    /// <summary>The kind an SDP body announces: the session-level a=range, else the media sections' (all must agree).</summary>
    public static TargetPresentation FromSdp(string? sdpText)
    {
        if (string.IsNullOrWhiteSpace(sdpText))
        {
            return Unknown("DESCRIBE returned no SDP");
        }

        if (!SessionDescription.TryParse(sdpText, out var sdp, out var error))
        {
            return Unknown($"the SDP does not parse ({error})");
        }

        var ranges = sdp!.RangeAttribute is { } session ? [session] : sdp.Media.Select(m => m.RangeAttribute).OfType<string>().Distinct().ToList();
        if (ranges.Count == 0)
        {
            return Unknown("the SDP has no a=range (RFC 2326 Appendix C.1.5), so stored or live is not known");
        }

        var kinds = ranges.Select(Classify).ToList();
        if (kinds.Any(k => k.Kind == PresentationKind.Unknown))
        {
            return kinds.First(k => k.Kind == PresentationKind.Unknown);
        }

        return kinds.Select(k => k.Kind).Distinct().Count() == 1
            ? kinds[0]
            : Unknown($"the media sections disagree: {string.Join(", ", ranges.Select(r => "a=range:" + r))}");
    }

    private static TargetPresentation Classify(string range)
    {
        if (!RangeHeader.TryParse(range, out var parsed))
        {
            return Unknown($"a=range:{range} does not parse as an RFC 2326 §12.29 range");
        }

        var evidence = "a=range:" + range;
        if (parsed!.Start is { IsNow: true } || parsed.IsOpenEnded || parsed.End is { IsNow: true })
        {
            return new TargetPresentation(PresentationKind.Live, evidence);
        }

        return new TargetPresentation(PresentationKind.Stored, evidence);
    }

    /// <summary>Why a scenario needing <paramref name="requires"/> does not apply to this presentation; null when it does.</summary>
    public string? Unmet(IReadOnlyList<string> requires)
    {
        foreach (var requirement in requires)
        {
            var met = requirement switch
            {
                MediaRequirement.StoredMedia => Kind == PresentationKind.Stored,
                MediaRequirement.LiveMedia => Kind == PresentationKind.Live,
                _ => throw new ArgumentException($"unknown requirement '{requirement}'", nameof(requires)),
            };
            if (!met)
            {
                return $"needs {requirement}; the target is {this}";
            }
        }

        return null;
    }

    public override string ToString() => Kind switch
    {
        PresentationKind.Stored => $"stored media ({Evidence})",
        PresentationKind.Live => $"live media ({Evidence})",
        _ => $"of unknown kind: {Evidence}",
    };
}
