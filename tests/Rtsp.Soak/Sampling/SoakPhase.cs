namespace Rtsp.Soak.Sampling;

/// <summary>Where a soak run stands. The verdict compares <see cref="Baseline"/> with <see cref="End"/>, which are
/// alike: the streaming sessions only, no cycle in flight, and every abandoned session's timeout passed.</summary>
public enum SoakPhase
{
    /// <summary>Streams up, cycles running; the GC heap, JIT and thread pool settle.</summary>
    WarmUp,

    /// <summary>No cycles: the sessions abandoned during the warm-up time out.</summary>
    DrainBeforeBaseline,

    /// <summary>No cycles, nothing abandoned left: the baseline window.</summary>
    Baseline,

    /// <summary>The bulk of the cycles.</summary>
    Cycles,

    /// <summary>No cycles: the sessions abandoned during the run time out.</summary>
    DrainBeforeEnd,

    /// <summary>No cycles, nothing abandoned left: the end window.</summary>
    End,
}
