using Rtsp.Server.Sessions;

namespace Rtsp.Server.Tests.Unit;

public class SessionStateMachineTests
{
    [TestCase(SessionState.Init, SessionEvent.Setup, SessionState.Ready)]
    [TestCase(SessionState.Ready, SessionEvent.Play, SessionState.Playing)]
    [TestCase(SessionState.Ready, SessionEvent.Setup, SessionState.Ready)]
    [TestCase(SessionState.Ready, SessionEvent.Teardown, SessionState.Init)]
    [TestCase(SessionState.Playing, SessionEvent.Pause, SessionState.Ready)]
    [TestCase(SessionState.Playing, SessionEvent.Play, SessionState.Playing)]
    [TestCase(SessionState.Playing, SessionEvent.EndOfMedia, SessionState.Finished)]
    [TestCase(SessionState.Playing, SessionEvent.Teardown, SessionState.Init)]
    [TestCase(SessionState.Finished, SessionEvent.Play, SessionState.Playing)]
    [TestCase(SessionState.Finished, SessionEvent.Pause, SessionState.Ready)]
    [TestCase(SessionState.Finished, SessionEvent.Teardown, SessionState.Init)]
    public void Allowed_transitions_follow_RFC_2326_appendix_A(SessionState from, SessionEvent @event, SessionState to) =>
        SessionStateMachine.Next(from, @event).Should().Be(to);

    [TestCase(SessionState.Init, SessionEvent.Play)]
    [TestCase(SessionState.Init, SessionEvent.Pause)]
    [TestCase(SessionState.Playing, SessionEvent.Setup)]
    [TestCase(SessionState.Finished, SessionEvent.Setup)]
    [TestCase(SessionState.Ready, SessionEvent.EndOfMedia)]
    public void Other_transitions_are_not_valid_in_the_state(SessionState from, SessionEvent @event)
    {
        SessionStateMachine.Next(from, @event).Should().BeNull();
        SessionStateMachine.IsAllowed(from, @event).Should().BeFalse();
    }
}
