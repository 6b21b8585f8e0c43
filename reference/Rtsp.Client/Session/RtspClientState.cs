namespace Rtsp.Client.Session;

/// <summary>
/// The client's view of the RTSP session (RFC 2326 Appendix A.1, client state machine), plus FINISHED for a
/// session that was torn down, ended by an error or closed: a finished session is never reused.
/// </summary>
public enum RtspClientState
{
    /// <summary>No session yet: before SETUP succeeded.</summary>
    Init,

    /// <summary>SETUP done (or PAUSE answered, or the stream reached its end): nothing is being sent.</summary>
    Ready,

    /// <summary>PLAY answered: the server sends media.</summary>
    Playing,

    /// <summary>TEARDOWN sent (answered or not), or the session failed; terminal.</summary>
    Finished,
}
