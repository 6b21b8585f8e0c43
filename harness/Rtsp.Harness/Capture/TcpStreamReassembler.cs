namespace Rtsp.Harness.Capture;

/// <summary>
/// One direction of a TCP connection back into its byte stream, by sequence number: retransmitted bytes are
/// dropped, out-of-order segments wait for the hole before them, and a hole that never fills (the capture missed
/// it) is skipped and reported as a gap rather than stalling or crashing. Sequence numbers are unwrapped to a
/// 64-bit stream offset, so streams past 4 GiB work.
/// </summary>
public sealed class TcpStreamReassembler
{
    /// <summary>How many bytes may wait behind a hole before the hole is declared lost.</summary>
    public const int MaxPendingBytes = 4 * 1024 * 1024;

    private readonly SortedDictionary<long, PendingSegment> _pending = [];
    private bool _started;
    private uint _nextSequence;
    private long _nextOffset;
    private int _pendingBytes;

    /// <summary>Bytes skipped because the capture never saw them.</summary>
    public long MissingBytes { get; private set; }

    /// <summary>Segments (or parts) that repeated bytes already delivered.</summary>
    public long RetransmittedSegments { get; private set; }

    /// <summary>Adds a captured segment; returns the stream bytes it made available, in order.</summary>
    public IReadOnlyList<StreamChunk> Add(uint sequence, TcpFlags flags, ReadOnlyMemory<byte> payload, long frameNumber, long timestampNs)
    {
        if ((flags & TcpFlags.Syn) != 0)
        {
            // The SYN consumes one sequence number; data starts after it.
            if (!_started)
            {
                _started = true;
                _nextSequence = sequence + 1;
                _nextOffset = 0;
            }

            payload = ReadOnlyMemory<byte>.Empty;
        }

        if (payload.IsEmpty)
        {
            return [];
        }

        if (!_started)
        {
            // Capture began mid-connection: the first data seen starts the stream.
            _started = true;
            _nextSequence = sequence;
            _nextOffset = 0;
        }

        long offset = _nextOffset + (int)(sequence - _nextSequence);
        long end = offset + payload.Length;
        if (end <= _nextOffset)
        {
            RetransmittedSegments++;
            return [];
        }

        var delivered = new List<StreamChunk>(1);
        if (offset <= _nextOffset)
        {
            if (offset < _nextOffset)
            {
                RetransmittedSegments++;
            }

            Deliver(payload[(int)(_nextOffset - offset)..], frameNumber, timestampNs, gapBefore: 0, delivered);
            Drain(frameNumber, timestampNs, delivered);
            return delivered;
        }

        if (!_pending.TryGetValue(offset, out var existing) || existing.Data.Length < payload.Length)
        {
            _pendingBytes += payload.Length - (existing.Data.Length);
            _pending[offset] = new PendingSegment(payload, frameNumber, timestampNs);
        }
        else
        {
            RetransmittedSegments++;
        }

        if (_pendingBytes > MaxPendingBytes)
        {
            SkipHole(delivered);
            Drain(frameNumber, timestampNs, delivered);
        }

        return delivered;
    }

    /// <summary>End of capture: whatever still waits behind a hole is delivered after the hole is recorded.</summary>
    public IReadOnlyList<StreamChunk> Flush()
    {
        var delivered = new List<StreamChunk>();
        while (_pending.Count > 0)
        {
            SkipHole(delivered);
        }

        return delivered;
    }

    private void SkipHole(List<StreamChunk> delivered)
    {
        var first = _pending.First();
        long gap = first.Key - _nextOffset;
        MissingBytes += gap;
        _pending.Remove(first.Key);
        _pendingBytes -= first.Value.Data.Length;
        _nextSequence += (uint)gap;
        _nextOffset = first.Key;
        Deliver(first.Value.Data, first.Value.FrameNumber, first.Value.TimestampNs, gap, delivered);
        Drain(first.Value.FrameNumber, first.Value.TimestampNs, delivered);
    }

    // Segments that were waiting for the hole: the segment that filled it completes them, so they carry its frame
    // number and time.
    private void Drain(long frameNumber, long timestampNs, List<StreamChunk> delivered)
    {
        while (_pending.Count > 0)
        {
            var first = _pending.First();
            if (first.Key > _nextOffset)
            {
                return;
            }

            _pending.Remove(first.Key);
            _pendingBytes -= first.Value.Data.Length;
            long end = first.Key + first.Value.Data.Length;
            if (end <= _nextOffset)
            {
                RetransmittedSegments++;
                continue;
            }

            Deliver(first.Value.Data[(int)(_nextOffset - first.Key)..], frameNumber, timestampNs, 0, delivered);
        }
    }

    private void Deliver(ReadOnlyMemory<byte> data, long frameNumber, long timestampNs, long gapBefore, List<StreamChunk> delivered)
    {
        delivered.Add(new StreamChunk(data, frameNumber, timestampNs, gapBefore));
        _nextOffset += data.Length;
        _nextSequence += (uint)data.Length;
    }

    private readonly record struct PendingSegment(ReadOnlyMemory<byte> Data, long FrameNumber, long TimestampNs);
}

/// <summary>Contiguous stream bytes made available by the segment in frame <paramref name="FrameNumber"/>.</summary>
/// <param name="GapBefore">Bytes missing from the stream just before these (0 = contiguous).</param>
public readonly record struct StreamChunk(ReadOnlyMemory<byte> Data, long FrameNumber, long TimestampNs, long GapBefore);
