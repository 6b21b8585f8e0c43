namespace Rtsp.Server.Faults;

/// <summary>One fault switch: its command-line name, the rule it breaks, and exactly what the server then does.</summary>
public sealed record FaultSwitch(FaultKind Kind, string Name, string Rule, string Behaviour);

/// <summary>
/// Every fault switch with its exact, deterministic behaviour. The harness proves each of its checks by running
/// the server with the matching switch: the names and behaviours here are a contract with it (and README.md).
/// "Every Nth" counts from the first packet / frame of the session's PLAY, 1-based.
/// </summary>
public static class FaultCatalog
{
    /// <summary>Period for packet-level faults: every 50th RTP packet of a session.</summary>
    public const int PacketPeriod = 50;

    /// <summary>Period for frame-level faults: every 25th frame (once a second at 25 fps).</summary>
    public const int FramePeriod = 25;

    public const int SsrcChangeFrames = 50;
    public const int TsJumpFrames = 50;
    public const uint TsJumpTicks = 90000;
    public const int ClockRateHz = 8000;
    public const int FragmentOffsetError = 100;
    public const int BurstFrames = 5;
    public const int LateFrameMilliseconds = 30;
    public const double DriftFactor = 1.02;
    public const uint SrTimestampError = 45000;

    /// <summary>payload-type: a type the SDP does not announce (96 for JPEG media; 97 for H.264, announced as 96).</summary>
    public static int WrongPayloadType(Rtsp.Media.MediaCodec codec) => codec == Rtsp.Media.MediaCodec.H264 ? 97 : 96;

    public static IReadOnlyList<FaultSwitch> All { get; } =
    [
        new(FaultKind.RtpVersion, "rtp-version", "RFC 3550 5.1: V=2",
            "every RTP packet has version 1 in its first two bits"),
        new(FaultKind.PayloadType, "payload-type", "RFC 3551 / SDP: RTP payload type matches the m= line (26, or a dynamic type with a=rtpmap)",
            "every RTP packet has payload type 96 (97 for H.264 media); the SDP still announces only 26 (96 for H.264), with no rtpmap for the type sent"),
        new(FaultKind.SsrcChange, "ssrc-change", "RFC 3550 8: one SSRC per source for the whole session, equal to Transport ssrc=",
            $"the SSRC changes to a new random value on frame {SsrcChangeFrames + 1} and every {SsrcChangeFrames} frames after"),
        new(FaultKind.SeqGap, "seq-gap", "RFC 3550 5.1: sequence numbers increase by one per packet",
            $"after every {PacketPeriod}th packet one sequence number is skipped (never sent)"),
        new(FaultKind.SeqDuplicate, "seq-duplicate", "RFC 3550 A.1: no duplicate packets",
            $"every {PacketPeriod}th packet is sent twice (identical bytes)"),
        new(FaultKind.SeqReorder, "seq-reorder", "RFC 3550 A.1: packets in sequence order (no reordering on loopback)",
            $"every {PacketPeriod}th packet is sent after the packet that follows it (the two swap places)"),
        new(FaultKind.TsJump, "ts-jump", "RFC 3550 5.1 / RFC 2435: timestamps advance by 90000/fps per frame",
            $"on frame {TsJumpFrames + 1} and every {TsJumpFrames} frames after, the timestamp jumps {TsJumpTicks} ticks (1 s) further; the offset accumulates"),
        new(FaultKind.ClockRate, "clock-rate", "RFC 2435 3 / RFC 3551: JPEG uses a 90000 Hz clock",
            $"timestamps advance {ClockRateHz} per second of media ({ClockRateHz}/fps per frame) instead of 90000"),
        new(FaultKind.NoMarker, "no-marker", "RFC 2435 3 / RFC 6184 5.1: the marker bit is set on the last packet of each frame (access unit)",
            "no packet has the marker bit"),
        new(FaultKind.MarkerEveryPacket, "marker-every-packet", "RFC 2435 3: the marker bit only on the last packet of a frame",
            "every packet has the marker bit"),
        new(FaultKind.DropFragment, "drop-fragment", "RFC 2435 3.1: a frame's fragments cover the whole scan (contiguous offsets)",
            $"JPEG media only: every {FramePeriod}th frame loses its second fragment; sequence numbers stay contiguous, so only the fragment offsets show it"),
        new(FaultKind.FragmentOffset, "fragment-offset", "RFC 2435 3.1.2: the fragment offset is the byte position of the payload in the frame",
            $"JPEG media only: in every {FramePeriod}th frame the second fragment's offset is {FragmentOffsetError} bytes too large"),
        new(FaultKind.Burst, "burst", "RFC 2326 / pacing: frames leave at their presentation time",
            $"every {FramePeriod}th frame and the {BurstFrames - 1} after it leave together at the first one's time (timestamps stay correct)"),
        new(FaultKind.LateFrames, "late-frames", "pacing: each frame leaves at its scheduled time",
            $"every {FramePeriod}th frame leaves {LateFrameMilliseconds} ms late (timestamp unchanged); the schedule is not shifted"),
        new(FaultKind.Drift, "drift", "pacing: wall clock and RTP clock advance together (no drift)",
            $"frames leave {(DriftFactor - 1) * 100:0}% slow: frame n at start + n x period x {DriftFactor}; timestamps still nominal"),
        new(FaultKind.CseqMismatch, "cseq-mismatch", "RFC 2326 12.17: the response CSeq equals the request's",
            "every response carries the request's CSeq + 1"),
        new(FaultKind.NoSessionHeader, "no-session-header", "RFC 2326 12.37: responses within a session carry Session",
            "responses to PLAY, PAUSE, GET_PARAMETER and SET_PARAMETER have no Session header (SETUP still has it)"),
        new(FaultKind.RtpInfoMismatch, "rtpinfo-mismatch", "RFC 2326 12.33: RTP-Info seq and rtptime are those of the first packet sent",
            "the PLAY response's RTP-Info has seq + 1 and rtptime + 3600 relative to the first packet actually sent"),
        new(FaultKind.PauseIgnored, "pause-ignored", "RFC 2326 10.6: PAUSE stops the stream",
            "PAUSE answers 200 but RTP keeps flowing"),
        new(FaultKind.TeardownIgnored, "teardown-ignored", "RFC 2326 10.7: TEARDOWN stops the stream and frees the session",
            "TEARDOWN answers 200 but RTP keeps flowing, no BYE is sent and the session stays until it times out"),
        new(FaultKind.SeekIgnored, "seek-ignored", "RFC 2326 10.5: PLAY with Range starts at the range",
            "PLAY with Range answers 200 with the requested Range but sends from the current position (frame 0 on the first PLAY)"),
        new(FaultKind.NoRtcp, "no-rtcp", "RFC 3550 6.2: senders send RTCP SR; BYE at the end (6.6)",
            "no RTCP at all: no sender reports, no BYE"),
        new(FaultKind.SrInconsistent, "sr-inconsistent", "RFC 3550 6.4.1: SR NTP/RTP mapping and counts match the stream",
            $"every SR's RTP timestamp is {SrTimestampError} ticks (500 ms) ahead of the NTP time it claims, and its packet and octet counts are half the real ones"),
        new(FaultKind.PlayBeforeSetup200, "play-before-setup-200", "RFC 2326 Appendix A: PLAY before SETUP is 455 (or 454)",
            "PLAY without a session answers 200 OK (and sends nothing)"),
        new(FaultKind.H264FuNoStart, "h264-fu-no-start", "RFC 6184 5.8: the first FU-A of a fragmented NAL unit has S=1",
            "H.264 media only: the first FU-A fragment of every fragmented NAL unit is sent with S=0 (E, NRI, type and data unchanged)"),
        new(FaultKind.H264FuNoEnd, "h264-fu-no-end", "RFC 6184 5.8: the last FU-A of a fragmented NAL unit has E=1",
            "H.264 media only: the last FU-A fragment of every fragmented NAL unit is sent with E=0 (S, NRI, type and data unchanged)"),
        new(FaultKind.H264NoParameterSets, "h264-no-parameter-sets", "RFC 6184 8.1 / H.264 7.4.1.2.1: SPS and PPS reach the receiver (sprop-parameter-sets or in-band) before the pictures that use them",
            "H.264 media only: SPS and PPS NAL units are removed from every access unit and the SDP's a=fmtp has no sprop-parameter-sets"),
        new(FaultKind.H264TsPerPacket, "h264-ts-per-packet", "RFC 6184 5.1: every packet of an access unit carries the access unit's timestamp",
            "H.264 media only: packet k (0-based) of each access unit carries the access unit's timestamp + k (the first is right; the marker still ends the unit)"),
    ];

    public static FaultSwitch? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The list `--fault list` prints: one line per switch, name, rule, behaviour.</summary>
    public static string Describe() =>
        string.Join(Environment.NewLine, All.Select(f => $"{f.Name,-22} breaks: {f.Rule}{Environment.NewLine}{"",-22} does:   {f.Behaviour}"));
}
