using Rtsp.Client.Session;

namespace Rtsp.Client.Tests.Session;

public class RtspClientStateMachineTests
{
    [TestCase(RtspClientState.Init, RtspClientState.Ready, true)]
    [TestCase(RtspClientState.Ready, RtspClientState.Playing, true)]
    [TestCase(RtspClientState.Playing, RtspClientState.Ready, true)]
    [TestCase(RtspClientState.Playing, RtspClientState.Playing, true)]
    [TestCase(RtspClientState.Init, RtspClientState.Finished, true)]
    [TestCase(RtspClientState.Playing, RtspClientState.Finished, true)]
    [TestCase(RtspClientState.Init, RtspClientState.Playing, false)]
    [TestCase(RtspClientState.Ready, RtspClientState.Init, false)]
    [TestCase(RtspClientState.Finished, RtspClientState.Ready, false)]
    [TestCase(RtspClientState.Finished, RtspClientState.Finished, false)]
    public void Allowed_moves_follow_rfc_2326_appendix_a(RtspClientState from, RtspClientState to, bool allowed)
        => RtspClientStateMachine.IsAllowed(from, to).Should().Be(allowed);

    [Test]
    public void A_full_session_raises_each_change_with_its_reason()
    {
        var machine = new RtspClientStateMachine();
        var changes = new List<RtspClientStateChange>();
        machine.Changed += (_, change) => changes.Add(change);

        machine.MoveTo(RtspClientState.Ready, "SETUP answered");
        machine.MoveTo(RtspClientState.Playing, "PLAY answered");
        machine.MoveTo(RtspClientState.Ready, "PAUSE answered");
        machine.MoveTo(RtspClientState.Finished, "TEARDOWN answered");

        changes.Select(c => c.To).Should().Equal(RtspClientState.Ready, RtspClientState.Playing, RtspClientState.Ready, RtspClientState.Finished);
        changes[1].Should().Be(new RtspClientStateChange(RtspClientState.Ready, RtspClientState.Playing, "PLAY answered"));
    }

    [Test]
    public void Play_before_setup_is_refused_with_both_states_named()
    {
        var machine = new RtspClientStateMachine();

        var act = () => machine.MoveTo(RtspClientState.Playing, "PLAY");

        act.Should().Throw<InvalidOperationException>().WithMessage("*Init*Playing*");
        machine.State.Should().Be(RtspClientState.Init);
    }

    [Test]
    public void Finished_is_terminal()
    {
        var machine = new RtspClientStateMachine();
        machine.MoveTo(RtspClientState.Finished, "error");

        machine.TryMoveTo(RtspClientState.Ready, "SETUP").Should().BeFalse();
        machine.State.Should().Be(RtspClientState.Finished);
    }

    [Test]
    public void Require_names_the_operation_and_the_states_it_needs()
    {
        var machine = new RtspClientStateMachine();

        var act = () => machine.Require("PAUSE", RtspClientState.Playing);

        act.Should().Throw<InvalidOperationException>().WithMessage("PAUSE is not possible in state INIT (needs PLAYING).");
    }
}
