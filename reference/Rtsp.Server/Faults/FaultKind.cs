namespace Rtsp.Server.Faults;

/// <summary>The deliberate protocol violations the server can commit (--fault). See <see cref="FaultCatalog"/>.</summary>
public enum FaultKind
{
    RtpVersion,
    PayloadType,
    SsrcChange,
    SeqGap,
    SeqDuplicate,
    SeqReorder,
    TsJump,
    ClockRate,
    NoMarker,
    MarkerEveryPacket,
    DropFragment,
    FragmentOffset,
    Burst,
    LateFrames,
    Drift,
    CseqMismatch,
    NoSessionHeader,
    RtpInfoMismatch,
    PauseIgnored,
    TeardownIgnored,
    SeekIgnored,
    NoRtcp,
    SrInconsistent,
    PlayBeforeSetup200,
    H264FuNoStart,
    H264FuNoEnd,
    H264NoParameterSets,
    H264TsPerPacket,
}
