namespace Rtsp.Protocol.Rtp;

/// <summary>What <see cref="RtpReceptionStatistics.Update"/> made of one sequence number.</summary>
public enum SequenceEvent
{
    /// <summary>The source is still on probation (RFC 3550 A.1 MIN_SEQUENTIAL); the packet is not counted.</summary>
    Probation,

    /// <summary>The packet that started the source (or ended its probation); counted.</summary>
    First,

    /// <summary>Exactly one after the highest so far.</summary>
    InOrder,

    /// <summary>Ahead of the highest by 2 .. MAX_DROPOUT - 1: the ones in between are missing (for now).</summary>
    Gap,

    /// <summary>A sequence number received before, within the recent window; counted as received (RFC 3550 §6.4.1).</summary>
    Duplicate,

    /// <summary>Older than the highest (by less than MAX_MISORDER) and not seen before: it arrived late.</summary>
    Reordered,

    /// <summary>
    /// A very large jump (RFC 3550 A.1): not counted; if the next packet follows it, the source is taken to have
    /// restarted its sequence.
    /// </summary>
    Jump,

    /// <summary>The packet after a <see cref="Jump"/> confirmed it: the statistics restarted from this packet.</summary>
    Restart,
}
