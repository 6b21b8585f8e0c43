namespace Rtsp.Server.Sessions;

/// <summary>
/// Server states of RFC 2326 Appendix A (Init, Ready, Playing; Recording is not supported) plus Finished:
/// Playing that ran out of media. Finished behaves like Ready except that PLAY without Range has nothing left to send.
/// </summary>
public enum SessionState
{
    Init,
    Ready,
    Playing,
    Finished,
}

/// <summary>What moves a session between states: the RTSP methods that change state, and the end of the media.</summary>
public enum SessionEvent
{
    Setup,
    Play,
    Pause,
    Teardown,
    EndOfMedia,
}
