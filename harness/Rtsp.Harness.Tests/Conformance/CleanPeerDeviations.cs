namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// The real deviations of the clean peers: each breaks a MUST sentence of its RFC (quoted in the entry). A MUST failure
/// on a clean peer that is not listed here is a harness assumption to fix, and fails CleanPeersTests.
/// </summary>
/// <remarks>
/// The baseline of 2026-12-07 (issue 13) found one: gst-rtsp-server 1.22 answers an unknown method with 400. Its other
/// differences (454 for PLAY without a session, 200 with the clamped Range for a range past the end, no answer to
/// RTSP/3.0, a UDP session dropped with its connection, no Session in the GET_PARAMETER reply) meet no MUST sentence:
/// the RFC defines those codes and headers without a MUST for the server, so they are SHOULD findings, not entries.
/// </remarks>
internal static class CleanPeerDeviations
{
    public static readonly IReadOnlyList<CleanPeerDeviation> All =
    [
        // rtsp.status.501 is SHOULD in the catalogue of 2026-12-07, so this entry is noted as not occurring until the
        // check takes the level of its sentence (docs/CHECK-LEVELS.md leaves that to the lead).
        new(CleanPeer.Gstreamer, "status-501-unknown-method", null, "rtsp.status.501", @"\b400\b",
            "FROBNICATE rtsp://.../avi RTSP/1.0 answered \"RTSP/1.0 400 Bad Request\"",
            "RFC 2326 §10, notes on Table 2: \"If a server does not support a particular method, it MUST return \"501 Not Implemented\"\""),
    ];
}
