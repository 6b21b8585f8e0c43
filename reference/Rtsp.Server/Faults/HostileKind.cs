namespace Rtsp.Server.Faults;

/// <summary>
/// What a hostile server does to the peers it talks to (--hostile). Unlike a fault switch, which breaks one protocol
/// rule on a server that otherwise works, a hostile behaviour attacks the peer's reader itself: its limits, its
/// timeouts and its memory. See <see cref="HostileCatalog"/>.
/// </summary>
public enum HostileKind
{
    GarbageStatusLine,
    EndlessHeaders,
    HugeContentLength,
    SlowDrip,
    TruncatedInterleaved,
    RtpFlood,
    SilenceAfterPlay,
}
