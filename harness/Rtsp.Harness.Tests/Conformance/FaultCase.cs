namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// One reference-server fault switch (<c>rtsp-ref serve --fault list</c>) and what the harness must make of it.
/// </summary>
/// <param name="Scenarios">The short scenarios that exercise the broken rule (run over UDP and TCP).</param>
/// <param name="MustFire">Checks that must fail in at least one of those runs: the rule the switch breaks.</param>
/// <param name="AlsoBroken">MUST checks the same switch breaks as well, by its documented behaviour (e.g. teardown-ignored
/// also keeps the session alive); any other MUST failure is a harness error the matrix reports.</param>
/// <param name="OnH264">Run against the reference server passing an H.264 .mp4 through (<c>--codec copy</c>) instead of
/// the MJPEG sample.</param>
public sealed record FaultCase(string Fault, string[] Scenarios, string[] MustFire, string[]? AlsoBroken = null, bool OnH264 = false)
{
    public IReadOnlyList<string> Tolerated => [.. MustFire, .. AlsoBroken ?? []];

    /// <summary>The row's name: the switch, and the media when it is not the MJPEG sample.</summary>
    public string Name => OnH264 ? $"{Fault} (h264)" : Fault;

    public override string ToString() => Name;

    /// <summary>Every fault switch of the reference server, with the checks made for it.</summary>
    public static IEnumerable<FaultCase> All()
    {
        string[] play = ["play-basic"];
        yield return new("rtp-version", play, ["rtp.header.version"]);
        yield return new("payload-type", play, ["rtp.header.payload-type"]);
        yield return new("ssrc-change", play, ["rtp.ssrc.constant"], ["rtp.ssrc.transport"]);
        yield return new("seq-gap", play, ["rtp.seq.loss", "rtp.seq.continuity"]);
        yield return new("seq-duplicate", play, ["rtp.seq.duplicates", "rtp.seq.continuity"]);
        yield return new("seq-reorder", play, ["rtp.seq.reorder", "rtp.seq.continuity"]);
        yield return new("ts-jump", play, ["rtp.ts.frame-delta"], ["rtp.ts.clock-rate"]);
        yield return new("clock-rate", play, ["rtp.ts.clock-rate"]);
        yield return new("no-marker", play, ["jpeg.marker"]);
        yield return new("marker-every-packet", play, ["jpeg.marker"]);
        yield return new("drop-fragment", play, ["jpeg.fragments.offsets"], ["jpeg.frame.complete", "jpeg.decode"]);
        yield return new("fragment-offset", play, ["jpeg.fragments.offsets"], ["jpeg.frame.complete", "jpeg.decode"]);
        yield return new("burst", play, ["timing.burst"]);
        // Every 25th frame is late and the analyzer tolerates 3: 6 s of play shows 6.
        yield return new("late-frames", ["rtcp-sender-reports"], ["timing.late-frames"]);
        yield return new("drift", ["rtcp-sender-reports"], ["timing.drift"], ["rtcp.sr.ntp-rtp"]);
        yield return new("cseq-mismatch", ["options-public"], ["rtsp.cseq.echo"]);
        yield return new("no-session-header", ["session-id-stable"], ["rtsp.session.stable"]);
        yield return new("rtpinfo-mismatch", ["play-rtp-info"], ["rtp.rtpinfo.match"]);

        // A stream that never paused has no pause point to resume at (rtsp.play.rtp-info, also affected, is a SHOULD).
        yield return new("pause-ignored", ["pause-resume"], ["rtsp.pause.silence"], ["rtsp.pause.resume"]);
        yield return new("teardown-ignored", ["teardown-silence", "teardown-session-gone"],
            ["rtsp.teardown.silence", "rtsp.teardown.session-gone"]);
        yield return new("seek-ignored", ["seek-forward"], ["rtsp.play.seek-position"], ["rtp.ts.clock-rate", "rtp.rtpinfo.match"]);
        yield return new("no-rtcp", ["rtcp-sender-reports"], ["rtcp.bye"]);
        yield return new("sr-inconsistent", ["rtcp-sender-reports"], ["rtcp.sr.counts", "rtcp.sr.ntp-rtp"]);

        // rtsp.status.455 is a SHOULD (RFC 2326 §11.3.6); its 200 without RTP-Info also fails rtsp.play.rtp-info, a SHOULD.
        yield return new("play-before-setup-200", ["status-455-play-before-setup"], ["rtsp.status.455"]);

        // H.264 (RFC 6184) through --codec copy: each switch breaks one packetization rule of the h264.* checks.
        yield return new("h264-fu-no-start", play, ["h264.fu.boundaries"], OnH264: true);
        yield return new("h264-fu-no-end", play, ["h264.fu.boundaries"], OnH264: true);
        // Without SPS/PPS in sprop or in band no picture can be decoded: h264.decode (MUST) fails as a consequence.
        yield return new("h264-no-parameter-sets", play, ["h264.parameter-sets"], ["h264.decode"], OnH264: true);
        yield return new("h264-ts-per-packet", play, ["h264.timestamp-per-au"], OnH264: true);
        yield return new("no-marker", play, ["h264.marker"], OnH264: true);
        yield return new("payload-type", play, ["rtp.header.payload-type"], OnH264: true);
    }
}
