namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// MUST failures on clean peers that are still the harness's own assumptions (issue 13 is open on them). Each is
/// excused by CleanPeersTests and printed as "[open harness gap]", so the matrix guards every other verdict meanwhile;
/// fixing one makes its entry stale (printed as a note), and then the entry goes.
/// </summary>
internal static class CleanPeerHarnessGaps
{
    // Declared before All: static fields initialise in the order written.
    private static readonly string[] VideoPeers = ["gst-h264-640x480-25fps-10s", "gst-h265-640x480-25fps-10s"];

    public static readonly IReadOnlyList<CleanPeerDeviation> All =
    [
        // gst-rtsp-server holds a PLAY with a seek on a live mount ~20 s before answering 503 (PEERS.md); the harness
        // waits --timeout (5 s) and calls the silence rtsp.response. How long to wait is the harness's choice, not an
        // RFC rule: the live-seek step needs a longer wait, or its silence judged by rtsp.play.live-seek (SHOULD).
        Gap("seek-live", "rtsp.response", @"PLAY npt=8- .*no response within",
            "PLAY npt=8- (line 12): no response within 5 s", "a live seek answered after ~20 s is no MUST failure; the 5 s wait is the harness's"),

        // H.264/H.265 files on gst-rtsp-server after a PLAY that moves the position (seek-*, replay-after-end,
        // status-457): GStreamer's RTP-Info seq is not a packet that arrives (it numbers packets flushed by the seek), so
        // the cut falls back to the first discontinuity, and some runs still judge old-position pictures against the new
        // segment (seen in 1-3 scenarios per run, never the same ones).
        .. Video(CleanPeerDeviation.AnyScenario, "rtp.ts.monotonic", "ticks behind the newest picture sent",
            "timestamp ... is 86400-104400 ticks behind the newest picture sent (seek-backward, seek-forward, replay-after-end)"),
        .. Video(CleanPeerDeviation.AnyScenario, "rtp.seq.continuity", "followed",
            "seq 2497 followed 2495 (tcp, seek-forward); seq 15756 followed 15748 (tcp, seek-backward)"),

        // The decoder is fed the access units of every segment as one stream: after a seek the old position's last
        // pictures and the new one's meet without an end of sequence, and ffmpeg's HEVC decoder drops the new IRAP as a
        // duplicate POC. The decode check must restart the decoder at each segment cut.
        new("gst-h265-640x480-25fps-10s", CleanPeerDeviation.AnyScenario, null, "h265.decode", "Duplicate POC",
            "54 of 56 access units decoded ... (ffmpeg: [hevc] Duplicate POC in a sequence)",
            "the decoder is not restarted at a seek's segment cut", HarnessGap: true),

        // Once per few runs a '$' frame arrives on the RTSP connection of a UDP session (session-id-stable): not yet
        // known whether GStreamer sends it or the capture attributes another connection's frame to it.
        Gap(CleanPeerDeviation.AnyScenario, "rtsp.interleaved.channels", "negotiated none",
            "#6: a $ frame on channel 1, negotiated none (session-id-stable, udp)", "to investigate: a stray interleaved frame on a UDP session's connection"),
    ];

    private static IEnumerable<CleanPeerDeviation> Video(string scenario, string checkId, string pattern, string evidence) =>
        VideoPeers.Select(peer => new CleanPeerDeviation(peer, scenario, null, checkId, pattern, evidence,
            "H.264/H.265 files: after a PLAY that moves the position, old-position pictures can still be judged in the new segment", HarnessGap: true));

    private static CleanPeerDeviation Gap(string scenario, string checkId, string pattern, string evidence, string why) =>
        new(CleanPeer.Gstreamer, scenario, null, checkId, pattern, evidence, why, HarnessGap: true);
}
