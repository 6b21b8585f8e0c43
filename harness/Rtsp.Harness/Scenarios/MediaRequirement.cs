namespace Rtsp.Harness.Scenarios;

/// <summary>
/// What a scenario may need of the presentation it runs against (<c>requires:</c> in its YAML). The harness learns
/// what the target is from the SDP's <c>a=range</c> (RFC 2326 Appendix C.1.5: <c>npt=0-&lt;duration&gt;</c> for
/// stored media, <c>npt=now-</c> for live) and reports a scenario whose needs the target does not meet as
/// <em>not applicable</em>, with the reason, instead of running it into failures that say nothing about the server.
/// </summary>
public static class MediaRequirement
{
    /// <summary>Stored media: a known duration (a=range with an end), so it can be sought in and played to its end.</summary>
    public const string StoredMedia = "stored-media";

    /// <summary>Live media: a=range:npt=now- (or a range with no end): no seeking, no end, PLAY starts at "now".</summary>
    public const string LiveMedia = "live-media";

    public static IReadOnlyList<string> All { get; } = [StoredMedia, LiveMedia];
}
