namespace Rtsp.Protocol.Rtp;

/// <summary>
/// Per-source reception bookkeeping of RFC 3550 Appendix A.1 (update_seq: extended sequence numbers, wrap
/// cycles, MAX_DROPOUT / MAX_MISORDER, restart after a confirmed jump) and A.3 (expected, cumulative lost, fraction
/// lost per report interval), plus what a conformance check wants and RFC 3550 leaves out: duplicates and
/// reordered packets, told apart with a bitmap of the sequence numbers seen within the misorder window.
/// </summary>
public sealed class RtpReceptionStatistics
{
    public const int DefaultMaxDropout = 3000;
    public const int DefaultMaxMisorder = 100;

    private const int SequenceModulus = 1 << 16;

    private readonly int _minSequential;
    private readonly int _maxDropout;
    private readonly int _maxMisorder;
    private readonly ulong[] _seen;

    private bool _initialised;
    private int _probation;
    private ushort _maxSeq;
    private long _cycles;
    private long _baseSeq;
    private int _badSeq = SequenceModulus + 1; // so that seq == bad_seq is false (A.1 init_seq)
    private long _expectedPrior;
    private long _receivedPrior;

    /// <param name="minSequential">
    /// Packets in sequence needed before a source counts (RFC 3550 A.1 MIN_SEQUENTIAL, 2 there). 0 or 1: the first
    /// packet starts the source, which is what a receiver that has just sent PLAY wants.
    /// </param>
    /// <param name="maxDropout">A jump ahead of this many or more is "very large" (A.1 MAX_DROPOUT).</param>
    /// <param name="maxMisorder">A packet this far behind or less is reordered or a duplicate, not a jump (A.1 MAX_MISORDER).</param>
    public RtpReceptionStatistics(int minSequential = 0, int maxDropout = DefaultMaxDropout, int maxMisorder = DefaultMaxMisorder)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minSequential);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDropout, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMisorder, 1);
        if (maxDropout + maxMisorder > SequenceModulus)
        {
            throw new ArgumentException("maxDropout + maxMisorder must fit in the 16-bit sequence space.", nameof(maxMisorder));
        }
        _minSequential = minSequential;
        _maxDropout = maxDropout;
        _maxMisorder = maxMisorder;
        _seen = new ulong[(maxMisorder + 64) / 64];
    }

    /// <summary>True once a packet started the source (after any probation).</summary>
    public bool Started => _initialised && _probation == 0;

    /// <summary>The highest sequence number received, with the count of wraps in the high 16 bits (A.3 extended_max).</summary>
    public uint ExtendedHighestSequence => Started ? (uint)(_cycles + _maxSeq) : 0;

    /// <summary>The first counted sequence number (A.1 base_seq).</summary>
    public ushort BaseSequence => (ushort)_baseSeq;

    /// <summary>Packets counted since the source started, duplicates and late ones included (RFC 3550 §6.4.1).</summary>
    public long Received { get; private set; }

    /// <summary>extended_max - base_seq + 1 (A.3).</summary>
    public long Expected => Started ? _cycles + _maxSeq - _baseSeq + 1 : 0;

    /// <summary>Expected - Received; negative when duplicates outnumber losses (A.3; clamp to 24 bits for a report).</summary>
    public long CumulativeLost => Expected - Received;

    /// <summary>Sequence numbers received again within the misorder window.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Packets that arrived after a higher sequence number and were not duplicates.</summary>
    public long Reordered { get; private set; }

    /// <summary>Times the source restarted after a confirmed jump (counters other than these restart with it).</summary>
    public long Restarts { get; private set; }

    public SequenceEvent Update(ushort seq)
    {
        if (!_initialised)
        {
            _initialised = true;
            if (_minSequential <= 1)
            {
                return Start(seq, SequenceEvent.First);
            }
            _probation = _minSequential - 1;
            _maxSeq = seq;
            return SequenceEvent.Probation;
        }
        if (_probation > 0)
        {
            if (seq == (ushort)(_maxSeq + 1))
            {
                _maxSeq = seq;
                if (--_probation == 0)
                {
                    return Start(seq, SequenceEvent.First);
                }
            }
            else
            {
                _probation = _minSequential - 1;
                _maxSeq = seq;
            }
            return SequenceEvent.Probation;
        }

        int udelta = (ushort)(seq - _maxSeq);
        if (udelta == 0)
        {
            Received++;
            Duplicates++;
            return SequenceEvent.Duplicate;
        }
        if (udelta < _maxDropout)
        {
            long previous = _cycles + _maxSeq;
            if (seq < _maxSeq)
            {
                _cycles += SequenceModulus;
            }
            _maxSeq = seq;
            Advance(previous, _cycles + _maxSeq);
            Received++;
            return udelta == 1 ? SequenceEvent.InOrder : SequenceEvent.Gap;
        }
        if (udelta <= SequenceModulus - _maxMisorder)
        {
            if (seq != _badSeq)
            {
                _badSeq = (seq + 1) & (SequenceModulus - 1);
                return SequenceEvent.Jump;
            }
            Restarts++;
            return Start(seq, SequenceEvent.Restart);
        }

        // Behind the highest by less than MAX_MISORDER: late, either for the first time or again.
        Received++;
        long extended = _cycles + _maxSeq - (SequenceModulus - udelta);
        if (IsSeen(extended))
        {
            Duplicates++;
            return SequenceEvent.Duplicate;
        }
        MarkSeen(extended);
        Reordered++;
        return SequenceEvent.Reordered;
    }

    /// <summary>
    /// The fraction of packets lost since the previous call (A.3), as the 8-bit fixed-point value of a report block;
    /// 0 when none were expected or duplicates made up for the loss. Each call starts a new interval.
    /// </summary>
    public byte FractionLostSinceLastReport()
    {
        long expected = Expected;
        long expectedInterval = expected - _expectedPrior;
        _expectedPrior = expected;
        long receivedInterval = Received - _receivedPrior;
        _receivedPrior = Received;
        long lostInterval = expectedInterval - receivedInterval;
        return expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
    }

    // A.1 init_seq, plus the count of the packet itself.
    private SequenceEvent Start(ushort seq, SequenceEvent result)
    {
        _baseSeq = seq;
        _maxSeq = seq;
        _badSeq = SequenceModulus + 1;
        _cycles = 0;
        _expectedPrior = 0;
        _receivedPrior = 0;
        Array.Clear(_seen);
        MarkSeen(seq);
        Received = 1;
        return result;
    }

    private int WindowBits => _seen.Length * 64;

    private void Advance(long previous, long current)
    {
        // Forget the bits the window slides over (they may hold sequence numbers from a lap ago), then mark the new one.
        long clearFrom = Math.Max(previous + 1, current - WindowBits + 1);
        for (long extended = clearFrom; extended < current; extended++)
        {
            int bit = Bit(extended);
            _seen[bit >> 6] &= ~(1UL << (bit & 63));
        }
        MarkSeen(current);
    }

    private bool IsSeen(long extended)
    {
        int bit = Bit(extended);
        return (_seen[bit >> 6] & (1UL << (bit & 63))) != 0;
    }

    private void MarkSeen(long extended)
    {
        int bit = Bit(extended);
        _seen[bit >> 6] |= 1UL << (bit & 63);
    }

    private int Bit(long extended) => (int)(((extended % WindowBits) + WindowBits) % WindowBits);
}
