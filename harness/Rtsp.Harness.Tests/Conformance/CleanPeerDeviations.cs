namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// The real deviations of the clean peers: each breaks a MUST sentence of its RFC (quoted in the entry). A MUST failure
/// on a clean peer that is not listed here is a harness assumption to fix, and fails CleanPeersTests.
/// </summary>
/// <remarks>
/// Empty since the baseline of 2026-12-07 (issue 13): none of gst-rtsp-server 1.22's differences breaks a MUST
/// sentence. It answers 454 for PLAY without a session, 200 with the clamped Range for a range past the end, nothing to
/// RTSP/3.0, drops a UDP session with its connection, and leaves Session out of the GET_PARAMETER reply; the RFC
/// defines those status codes and headers without a MUST for the server, so they are SHOULD findings, not entries
/// here. An entry looks like
/// <c>new(CleanPeer.Gstreamer, "scenario", null, "check.id", "evidence regex", "what was seen", "RFC nnnn §x: \"... MUST ...\"")</c>.
/// </remarks>
internal static class CleanPeerDeviations
{
    public static readonly IReadOnlyList<CleanPeerDeviation> All =
    [
    ];
}
