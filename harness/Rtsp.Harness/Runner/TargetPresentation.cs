using System.Globalization;
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
/// <remarks>Besides the kind, the facts scenarios scale their expectations by, read from the target, never assumed from
/// our sample: <see cref="Length"/> (a=range), <see cref="FrameRate"/> (a=framerate), <see cref="RtpMap"/> and
/// <see cref="Size"/>.</remarks>
public sealed record TargetPresentation(PresentationKind Kind, string Evidence)
{
    /// <summary>Seconds from the range's start to its end, for stored media; null otherwise.</summary>
    public double? Length { get; init; }

    /// <summary>The first video section's a=framerate; null when absent (the runner then measures the RTP timestamps).</summary>
    public double? FrameRate { get; init; }

    /// <summary>The first media section's first a=rtpmap, e.g. JPEG/90000; null when absent (static payload types).</summary>
    public SdpRtpMap? RtpMap { get; init; }

    /// <summary>Width x height when the SDP gives them (a=x-dimensions, a=framesize, a=cliprect); null otherwise.</summary>
    public string? Size { get; init; }

    /// <summary>True when the preflight was challenged (401): the auth scenarios then apply with the run's credentials.</summary>
    public bool AsksForCredentials { get; init; }

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

        var media = sdp!.Media.FirstOrDefault(m => m.Type == "video") ?? sdp.Media.FirstOrDefault();
        return KindOf(sdp) with
        {
            FrameRate = media?.FrameRate,
            RtpMap = media?.RtpMaps.Values.FirstOrDefault(),
            Size = media is null ? null : SizeOf(media),
        };
    }

    private static TargetPresentation KindOf(SessionDescription sdp)
    {
        var ranges = sdp.RangeAttribute is { } session ? [session] : sdp.Media.Select(m => m.RangeAttribute).OfType<string>().Distinct().ToList();
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

    /// <summary>The picture size, from whichever of the common attributes a server uses (none is in RFC 8866).</summary>
    private static string? SizeOf(MediaDescription media)
    {
        // a=x-dimensions:W,H (RealNetworks, Axis, many cameras); a=framesize:PT W-H (3GPP); a=cliprect:T,L,B,R.
        if (media.GetAttribute("x-dimensions")?.Value is { } dimensions && dimensions.Split(',') is [var w, var h])
        {
            return $"{w.Trim()}x{h.Trim()}";
        }

        if (media.GetAttribute("framesize")?.Value is { } framesize && framesize.Split(' ', 2) is [_, var size] && size.Split('-') is [var fw, var fh])
        {
            return $"{fw.Trim()}x{fh.Trim()}";
        }

        return media.GetAttribute("cliprect")?.Value is { } clip && clip.Split(',') is [_, _, var bottom, var right]
            ? $"{right.Trim()}x{bottom.Trim()}"
            : null;
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

        var length = parsed.End?.Seconds - (parsed.Start?.Seconds ?? 0);
        return new TargetPresentation(PresentationKind.Stored, evidence) { Length = length };
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
                return $"needs {requirement}; the target is {KindText}";
            }
        }

        return null;
    }

    /// <summary>The kind and its evidence, e.g. "live media (a=range:npt=now-)".</summary>
    public string KindText => Kind switch
    {
        PresentationKind.Stored => $"stored media ({Evidence})",
        PresentationKind.Live => $"live media ({Evidence})",
        _ => $"of unknown kind: {Evidence}",
    };

    /// <summary>The kind with every fact learned, e.g. "stored media (a=range:npt=0-10); 10 s, 25 fps (a=framerate), JPEG/90000".</summary>
    public override string ToString()
    {
        var facts = new List<string>();
        if (Length is { } length)
        {
            facts.Add(string.Create(CultureInfo.InvariantCulture, $"{length:0.###} s"));
        }

        facts.Add(FrameRate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate:0.###} fps (a=framerate)") : "no a=framerate (rate measured from RTP timestamps)");
        if (RtpMap is { } map)
        {
            facts.Add(map.ToString());
        }

        if (Size is { } size)
        {
            facts.Add(size);
        }

        return $"{KindText}; {string.Join(", ", facts)}";
    }
}
