namespace Rtsp.Protocol.Rtp;

/// <summary>
/// The interarrival jitter estimator of RFC 3550 §6.4.1 / Appendix A.8: for consecutive packets i-1, i,
/// D = (R_i - R_{i-1}) - (S_i - S_{i-1}) in timestamp units and J += (|D| - J) / 16. Plain A.8: every packet fed
/// counts, and the caller chooses what to feed. Wireshark/tshark (ui/tap-rtp-analysis.c, checked against tshark
/// 4.0 output in JitterMatchesTsharkTests) feeds every packet, marker-bit ones included; only its min/mean/max
/// summary leaves out the samples taken at the first and at marker-bit packets.
/// </summary>
public sealed class JitterEstimator
{
    private bool _hasPrevious;
    private uint _previousTimestamp;
    private double _previousArrival;

    /// <param name="clockRate">The RTP clock of the stream in Hz (90000 for video, RFC 3551).</param>
    public JitterEstimator(int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1);
        ClockRate = clockRate;
    }

    public int ClockRate { get; }

    /// <summary>The estimate in timestamp units.</summary>
    public double Jitter { get; private set; }

    /// <summary>The estimate in milliseconds (Wireshark and tshark report it so).</summary>
    public double JitterMilliseconds => Jitter * 1000d / ClockRate;

    /// <summary>The value for a report block's jitter field: the estimate truncated to an integer (A.8).</summary>
    public uint JitterForReport => (uint)Math.Min(uint.MaxValue, Jitter);

    /// <summary>Packets fed so far.</summary>
    public long Count { get; private set; }

    /// <summary>Feeds one packet: its RTP timestamp and its arrival time in the same clock's units.</summary>
    public void Update(uint rtpTimestamp, long arrivalInTimestampUnits) => Update(rtpTimestamp, (double)arrivalInTimestampUnits);

    /// <summary>Feeds one packet with a fractional arrival in timestamp units (a capture clock finer than the RTP one).</summary>
    public void Update(uint rtpTimestamp, double arrivalInTimestampUnits)
    {
        if (_hasPrevious)
        {
            // The signed 32-bit difference keeps a timestamp wrap between the two packets harmless.
            int sent = unchecked((int)(rtpTimestamp - _previousTimestamp));
            double d = arrivalInTimestampUnits - _previousArrival - sent;
            Jitter += (Math.Abs(d) - Jitter) / 16d;
        }
        _hasPrevious = true;
        _previousTimestamp = rtpTimestamp;
        _previousArrival = arrivalInTimestampUnits;
        Count++;
    }

    /// <summary>Feeds one packet with its arrival as a time since any fixed origin (converted with <see cref="ClockRate"/>).</summary>
    public void Update(uint rtpTimestamp, TimeSpan arrival) => Update(rtpTimestamp, arrival.TotalSeconds * ClockRate);
}
