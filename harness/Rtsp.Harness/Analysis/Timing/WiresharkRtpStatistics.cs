using Rtsp.Harness.Analysis.Streams;

namespace Rtsp.Harness.Analysis.Timing;

/// <summary>
/// The per-stream figures of Wireshark's RTP stream analysis (<c>tshark -z rtp,streams</c>), computed the way
/// Wireshark's rtppacket_analyse does so the two agree on the same capture: times in ms relative to the capture;
/// for every packet after the first, delta = arrival − previous arrival and jitter J = (15·J + |arrival −
/// (previous arrival + Δts/ (clock/1000))|) / 16 (RFC 3550 A.8 in ms); min/mean/max of delta and jitter leave out
/// the first packet, marker-bit packets and packets whose timestamp goes backwards; lost = expected (from the first
/// and last sequence number, with wraps) − received. The "mean" is Wireshark's running formula, which divides by
/// all packets so far, not only the ones included.
/// </summary>
public sealed class WiresharkRtpStatistics
{
    private readonly int _clockRate;
    private bool _first = true;
    private double _time;
    private long _seqTimestamp;
    private long _extendedTimestamp;
    private uint _lastTimestamp;
    private ushort _startSeq;
    private ushort _stopSeq;
    private ushort _seq;
    private bool _under;
    private long _cycles;
    private double _jitter;

    public WiresharkRtpStatistics(int clockRate) => _clockRate = clockRate;

    public long Packets { get; private set; }

    public long Expected => _stopSeq + _cycles * 0x10000 - _startSeq + 1;

    public long Lost => Expected - Packets;

    /// <summary>Times the sequence number was not the previous + 1 (Wireshark's "sequence errors").</summary>
    public long SequenceErrors { get; private set; }

    public double MinDeltaMs { get; private set; } = -1;

    public double MeanDeltaMs { get; private set; }

    public double MaxDeltaMs { get; private set; }

    /// <summary>Packet number with the largest delta.</summary>
    public long MaxDeltaPacket { get; private set; }

    public double MinJitterMs { get; private set; } = -1;

    public double MeanJitterMs { get; private set; }

    public double MaxJitterMs { get; private set; }

    /// <summary>The running jitter after the last packet (ms).</summary>
    public double JitterMs => _jitter;

    /// <summary>Feeds one packet in capture order; <paramref name="timeMs"/> is its capture time in ms from any origin.</summary>
    public void Add(RtpObservation packet, double timeMs)
    {
        var rtp = packet.Rtp;
        // Extended timestamp as Wireshark's dissector keeps it (wraps counted from the previous packet).
        _extendedTimestamp = _first ? rtp.Timestamp : _extendedTimestamp + unchecked((int)(rtp.Timestamp - _lastTimestamp));
        _lastTimestamp = rtp.Timestamp;
        if (_first)
        {
            _first = false;
            _startSeq = _stopSeq = _seq = rtp.SequenceNumber;
            _seqTimestamp = _extendedTimestamp;
            _time = timeMs;
            Packets = 1;
            return;
        }

        bool inTimeSequence = _seqTimestamp <= _extendedTimestamp;
        ushort seq = rtp.SequenceNumber;
        if (seq < _startSeq && inTimeSequence && !_under)
        {
            _cycles++;
            _under = true;
        }
        else if (seq == 0 && _stopSeq == 65535 && inTimeSequence && !_under)
        {
            _cycles++;
            _under = true;
        }
        else if (seq > _startSeq && inTimeSequence && _under)
        {
            _under = false;
        }

        if (inTimeSequence && _seq + 1 == seq)
        {
            _seq = seq;
        }
        else if (inTimeSequence && _seq == 65535 && seq == 0)
        {
            _seq = seq;
        }
        else if (inTimeSequence && (_seq + 1 < seq || _seq - seq > 0xFF00))
        {
            _seq = seq;
            SequenceErrors++;
        }
        else if (_seq + 1 > seq)
        {
            SequenceErrors++;
        }

        double delta = 0;
        if (inTimeSequence)
        {
            double nominalDiffMs = (_extendedTimestamp - _seqTimestamp) / (double)(_clockRate / 1000);
            double expected = _time + nominalDiffMs;
            double diff = Math.Abs(timeMs - expected);
            _jitter = (15 * _jitter + diff) / 16;
            delta = timeMs - _time;
        }

        if (!rtp.Marker && inTimeSequence)
        {
            if (delta > MaxDeltaMs)
            {
                MaxDeltaMs = delta;
                MaxDeltaPacket = packet.Number;
            }

            MinDeltaMs = MinDeltaMs < 0 ? delta : Math.Min(MinDeltaMs, delta);
            MeanDeltaMs = (MeanDeltaMs * (Packets - 1) + delta) / Packets;
            MaxJitterMs = Math.Max(MaxJitterMs, _jitter);
            MeanJitterMs = (MeanJitterMs * (Packets - 1) + _jitter) / Packets;
            MinJitterMs = MinJitterMs < 0 ? _jitter : Math.Min(MinJitterMs, _jitter);
        }

        if (inTimeSequence)
        {
            _time = timeMs;
            _seqTimestamp = _extendedTimestamp;
        }

        _stopSeq = seq;
        Packets++;
    }
}
