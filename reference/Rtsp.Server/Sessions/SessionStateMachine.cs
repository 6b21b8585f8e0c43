namespace Rtsp.Server.Sessions;

/// <summary>
/// The whole state table in one place (RFC 2326 Appendix A, server side). A pair missing from the table is
/// "Method Not Valid in This State" (455). OPTIONS, DESCRIBE, GET_PARAMETER and SET_PARAMETER are valid in
/// every state and change nothing, so they are not events. Choices where the RFC is silent:
/// PAUSE in Ready is accepted and stays Ready (already paused); SETUP while Playing or Finished is 455
/// (RFC 2326 10.4 allows refusing a transport change during play).
/// </summary>
public static class SessionStateMachine
{
    private static readonly Dictionary<(SessionState, SessionEvent), SessionState> Table = new()
    {
        [(SessionState.Init, SessionEvent.Setup)] = SessionState.Ready,
        [(SessionState.Init, SessionEvent.Teardown)] = SessionState.Init,

        [(SessionState.Ready, SessionEvent.Setup)] = SessionState.Ready,
        [(SessionState.Ready, SessionEvent.Play)] = SessionState.Playing,
        [(SessionState.Ready, SessionEvent.Pause)] = SessionState.Ready,
        [(SessionState.Ready, SessionEvent.Teardown)] = SessionState.Init,

        [(SessionState.Playing, SessionEvent.Play)] = SessionState.Playing,
        [(SessionState.Playing, SessionEvent.Pause)] = SessionState.Ready,
        [(SessionState.Playing, SessionEvent.Teardown)] = SessionState.Init,
        [(SessionState.Playing, SessionEvent.EndOfMedia)] = SessionState.Finished,

        [(SessionState.Finished, SessionEvent.Play)] = SessionState.Playing,
        [(SessionState.Finished, SessionEvent.Pause)] = SessionState.Ready,
        [(SessionState.Finished, SessionEvent.Teardown)] = SessionState.Init,
    };

    /// <summary>The state after <paramref name="event"/>, or null when the event is not valid in <paramref name="state"/>.</summary>
    public static SessionState? Next(SessionState state, SessionEvent @event) =>
        Table.TryGetValue((state, @event), out var next) ? next : null;

    public static bool IsAllowed(SessionState state, SessionEvent @event) => Table.ContainsKey((state, @event));
}
