using Rtsp.Protocol.Rtp;

namespace Rtsp.Client.Media;

/// <summary>
/// Puts RTP packets back in sequence order before depacketizing (UDP may reorder; RFC 3550 §3). Packets are
/// released as soon as they are next in sequence. A gap is waited for at most <c>capacity</c> packets or
/// <c>maxHold</c> of time, whichever comes first; then the buffer skips it and the depacketizer sees the gap (and
/// counts the frame incomplete). A packet that comes after its place was released, or a second copy, is
/// discarded. A jump back of more than <see cref="MaxMisorder"/> (RFC 3550 A.1's MAX_MISORDER) is taken as the
/// sender restarting its sequence: the buffer is flushed and follows the new numbers.
/// </summary>
public sealed class RtpReorderBuffer
{
    public const int MaxMisorder = 100;

    private readonly int _capacity;
    private readonly long _maxHoldTicks;
    // Keyed by the extended (unwrapped) sequence number, so the order survives the 16-bit wrap.
    private readonly SortedDictionary<long, (RtpPacket Packet, long ArrivalTicks)> _held = new();
    private long _next;
    private bool _started;

    /// <param name="capacity">Most packets held while waiting for a missing one (≈ 1.5 frames of 640x480 MJPEG at 16).</param>
    /// <param name="maxHold">Longest a packet waits for a gap before it to fill, in <see cref="System.Diagnostics.Stopwatch"/> time.</param>
    public RtpReorderBuffer(int capacity = 16, TimeSpan? maxHold = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _maxHoldTicks = (long)((maxHold ?? TimeSpan.FromMilliseconds(60)).TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
    }

    /// <summary>Packets dropped because their place was already released (too late) or already held (duplicate).</summary>
    public long Discarded { get; private set; }

    /// <summary>Gaps skipped without the missing packets.</summary>
    public long GapsSkipped { get; private set; }

    /// <summary>Packets waiting for a gap to fill.</summary>
    public int Count => _held.Count;

    /// <summary>Adds a packet that arrived at <paramref name="arrivalTicks"/> (Stopwatch ticks); returns the packets
    /// now ready, in sequence order (often just this one).</summary>
    public IReadOnlyList<RtpPacket> Push(RtpPacket packet, long arrivalTicks)
    {
        var ready = new List<RtpPacket>();
        if (!_started)
        {
            _started = true;
            _next = packet.SequenceNumber;
        }

        var offset = (short)(packet.SequenceNumber - (ushort)_next);
        if (offset < -MaxMisorder)
        {
            ReleaseAll(ready);
            _next = packet.SequenceNumber;
            offset = 0;
        }

        var extended = _next + offset;
        if (offset < 0 || _held.ContainsKey(extended))
        {
            Discarded++;
            return ready;
        }

        _held.Add(extended, (packet, arrivalTicks));
        ReleaseInOrder(ready);
        while (_held.Count > 0 && (_held.Count >= _capacity || arrivalTicks - _held.First().Value.ArrivalTicks > _maxHoldTicks))
        {
            SkipGap();
            ReleaseInOrder(ready);
        }

        return ready;
    }

    /// <summary>Releases everything held, gaps and all (end of stream, pause, seek).</summary>
    public IReadOnlyList<RtpPacket> Flush()
    {
        var ready = new List<RtpPacket>();
        ReleaseAll(ready);
        return ready;
    }

    /// <summary>Forgets the sequence: the next packet pushed starts a new one (after a seek).</summary>
    public void Reset()
    {
        _held.Clear();
        _started = false;
    }

    private void ReleaseAll(List<RtpPacket> ready)
    {
        while (_held.Count > 0)
        {
            SkipGap();
            ReleaseInOrder(ready);
        }
    }

    private void ReleaseInOrder(List<RtpPacket> ready)
    {
        while (_held.Remove(_next, out var entry))
        {
            ready.Add(entry.Packet);
            _next++;
        }
    }

    private void SkipGap()
    {
        var first = _held.First().Key;
        if (first > _next)
        {
            GapsSkipped++;
            _next = first;
        }
    }
}
