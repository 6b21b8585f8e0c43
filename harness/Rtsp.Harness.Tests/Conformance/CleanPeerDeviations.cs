namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// The real deviations of the clean peers: each breaks a MUST sentence of its RFC (quoted). A MUST failure on a clean
/// peer that is not listed here is a harness assumption to fix, and fails CleanPeersTests.
/// </summary>
internal static class CleanPeerDeviations
{
    public static readonly IReadOnlyList<CleanPeerDeviation> All =
    [
    ];
}
