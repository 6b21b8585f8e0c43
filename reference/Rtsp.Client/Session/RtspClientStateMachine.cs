namespace Rtsp.Client.Session;

/// <summary>
/// The allowed moves between <see cref="RtspClientState"/> values (RFC 2326 A.1: SETUP takes Init to Ready, PLAY
/// takes Ready to Playing, PAUSE takes Playing back to Ready, TEARDOWN ends any state). A PLAY while playing (a
/// seek) stays in Playing. Finished is terminal. Thread-safe: media threads read the state while the control
/// thread changes it.
/// </summary>
public sealed class RtspClientStateMachine
{
    private readonly Lock _gate = new();
    private RtspClientState _state = RtspClientState.Init;

    /// <summary>Raised after every change, outside the lock, with the old state, the new state and why.</summary>
    public event EventHandler<RtspClientStateChange>? Changed;

    public RtspClientState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public static bool IsAllowed(RtspClientState from, RtspClientState to) => (from, to) switch
    {
        (RtspClientState.Finished, _) => false,
        (_, RtspClientState.Finished) => true,
        (RtspClientState.Init, RtspClientState.Ready) => true,
        (RtspClientState.Ready, RtspClientState.Playing) => true,
        (RtspClientState.Playing, RtspClientState.Ready) => true,
        (RtspClientState.Playing, RtspClientState.Playing) => true,
        (RtspClientState.Ready, RtspClientState.Ready) => true,
        _ => false,
    };

    /// <summary>Moves to <paramref name="to"/>; throws <see cref="InvalidOperationException"/> naming both states
    /// when the move is not allowed (a caller bug, e.g. PLAY before SETUP).</summary>
    public void MoveTo(RtspClientState to, string reason)
    {
        if (!TryMoveTo(to, reason))
        {
            throw new InvalidOperationException($"Cannot go from {State} to {to} ({reason}).");
        }
    }

    /// <summary>Moves to <paramref name="to"/> when allowed; false (and no change) otherwise.</summary>
    public bool TryMoveTo(RtspClientState to, string reason)
    {
        RtspClientState from;
        lock (_gate)
        {
            from = _state;
            if (!IsAllowed(from, to))
            {
                return false;
            }

            _state = to;
        }

        if (from != to)
        {
            Changed?.Invoke(this, new RtspClientStateChange(from, to, reason));
        }

        return true;
    }

    /// <summary>Throws unless the current state is one of <paramref name="allowed"/>; names the operation.</summary>
    public void Require(string operation, params RtspClientState[] allowed)
    {
        var state = State;
        if (Array.IndexOf(allowed, state) < 0)
        {
            throw new InvalidOperationException(
                $"{operation} is not possible in state {state.ToString().ToUpperInvariant()} (needs {string.Join(" or ", allowed.Select(s => s.ToString().ToUpperInvariant()))}).");
        }
    }
}
