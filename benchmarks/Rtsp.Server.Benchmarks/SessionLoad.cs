using Rtsp.Protocol.Rtp;

namespace Rtsp.Server.Benchmarks;

/// <summary>
/// One RTP stream (one SSRC) as the load generator saw it: sequence gaps, and each frame's departure — its first
/// packet's kernel receive time — against the frame's place on the stream's own grid (its RTP timestamp, 90 kHz).
/// </summary>
internal sealed class SessionLoad
{
    private const double ClockRate = 90_000;

    private readonly List<(long Kernel, long Lost)> _losses = [];
    private readonly List<long> _arrivals = [];
    private readonly List<(long Kernel, long Offset)> _frames = [];
    private ushort? _lastSequence;
    private uint _firstTimestamp;
    private uint? _lastTimestamp;
    private long _unwrapped;

    public long FirstKernelNs { get; private set; } = -1;

    public void Add(ushort sequence, uint timestamp, long kernelNs)
    {
        if (FirstKernelNs < 0)
        {
            FirstKernelNs = kernelNs;
            _firstTimestamp = timestamp;
        }
        if (_lastSequence is ushort last && RtpSequence.Difference(sequence, last) != 1)
            _losses.Add((kernelNs, Math.Max(1, RtpSequence.Difference(sequence, last) - 1)));
        _lastSequence = sequence;
        _arrivals.Add(kernelNs);
        if (_lastTimestamp != timestamp)
        {
            // A new frame: its offset on the grid, from the RTP timestamp (unwrapped past 2^32).
            if (_lastTimestamp is uint previous)
                _unwrapped += (int)(timestamp - previous);
            _frames.Add((kernelNs, (long)(_unwrapped / ClockRate * 1e9)));
            _lastTimestamp = timestamp;
        }
    }

    /// <summary>
    /// Losses, frame rate, packets, and each frame's departure error in ns, between <paramref name="from"/> and
    /// <paramref name="to"/> after the stream's first packet. The error is measured against the stream's own grid,
    /// anchored at its median offset, so a constant phase is not an error and a late or early frame is.
    /// </summary>
    public (long Lost, double Fps, long Packets, List<long> ErrorsNs) Summary(TimeSpan from, TimeSpan to)
    {
        long a = FirstKernelNs + (long)from.TotalNanoseconds, b = FirstKernelNs + (long)to.TotalNanoseconds;
        long lost = _losses.Where(l => l.Kernel >= a && l.Kernel < b).Sum(l => l.Lost);
        var inWindow = _frames.Where(f => f.Kernel >= a && f.Kernel < b).ToList();
        var phases = inWindow.Select(f => f.Kernel - f.Offset).Order().ToList();
        long anchor = phases.Count == 0 ? 0 : phases[phases.Count / 2];
        var errors = phases.Select(p => Math.Abs(p - anchor)).ToList();
        return (lost, inWindow.Count / (to - from).TotalSeconds, _arrivals.Count(t => t >= a && t < b), errors);
    }
}
