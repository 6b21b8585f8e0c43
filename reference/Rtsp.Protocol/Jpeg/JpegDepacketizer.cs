namespace Rtsp.Protocol.Jpeg;

/// <summary>
/// Reassembles RFC 2435 payloads into complete JFIF images. Feed every packet of one RTP stream in arrival
/// order; a frame completes when the packet with the marker bit closes a run of consecutive sequence numbers
/// whose fragment offsets are contiguous from 0. Anything else drops the frame and counts it once in
/// <see cref="IncompleteFrames"/> (or <see cref="UnsupportedFrames"/>); the next frame starts clean.
/// Reordering is not repaired (a packet overtaken by a later one drops its frame): put a reorder buffer in front
/// if the network reorders. Feed one stream (one SSRC) per instance, or <see cref="Reset"/> between streams.
/// Malformed payloads are counted, never thrown: one bad packet must not stop a receiver.
/// Not thread-safe: one receive loop owns an instance.
/// </summary>
public sealed class JpegDepacketizer
{
    private const int TablesLength = 2 * JpegQuantizationTables.TableLength;
    private const int MaxMisorder = 100;

    private readonly int _maxFrameSize;

    // RFC 2435 §3.1.8: tables sent with Q 128..254 may be omitted (length 0) in later frames with the same Q.
    private readonly byte[]?[] _tablesByQ = new byte[]?[256];
    private readonly byte[] _frameTables = new byte[TablesLength];
    private byte[] _scan = new byte[64 * 1024];

    private State _state;
    private uint _timestamp;
    private bool _hasSequence;
    private ushort _lastSequence; // the highest sequence number seen
    private int _scanLength;
    private JpegPayloadHeader _first;

    /// <param name="maxFrameSize">Largest scan accepted, in bytes; larger frames are dropped as <see cref="JpegFrameDropReason.TooLarge"/>.</param>
    public JpegDepacketizer(int maxFrameSize = 16 * 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, 1);
        _maxFrameSize = maxFrameSize;
    }

    private enum State
    {
        Idle,
        Assembling,
        Discarding,
    }

    public long CompleteFrames { get; private set; }

    /// <summary>Frames dropped for missing, reordered or inconsistent fragments.</summary>
    public long IncompleteFrames { get; private set; }

    /// <summary>Frames dropped because they use a type, Q or table precision this receiver cannot rebuild.</summary>
    public long UnsupportedFrames { get; private set; }

    /// <summary>Payloads too short for their RFC 2435 headers.</summary>
    public long InvalidPackets { get; private set; }

    /// <summary>Copies of packets, or packets overtaken by later ones: their sequence number was already passed. Ignored.</summary>
    public long DuplicatePackets { get; private set; }

    public JpegFrameDropReason? LastDropReason { get; private set; }

    /// <summary>Takes one RTP packet's fields and payload; returns the frame this packet completes, or null.</summary>
    public JpegFrameResult? Push(ushort sequence, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        bool gap = false;
        if (_hasSequence)
        {
            short step = (short)(sequence - _lastSequence);
            // RFC 3550 A.1: a step back of up to MAX_MISORDER (100) is a late or repeated packet; a larger one a
            // restarted sender, taken as new.
            if (step <= 0 && step > -MaxMisorder)
            {
                DuplicatePackets++;
                return null;
            }

            gap = step != 1;
        }

        _hasSequence = true;
        _lastSequence = sequence;
        bool parsed = JpegPayloadHeader.TryParse(payload, out JpegPayloadHeader header, out _);
        if (!parsed)
        {
            InvalidPackets++;
        }

        if (_state != State.Idle && timestamp != _timestamp)
        {
            if (_state == State.Assembling)
            {
                Drop(JpegFrameDropReason.MissingLastFragment, unsupported: false);
            }

            _state = State.Idle;
        }

        switch (_state)
        {
            case State.Discarding:
                EndDiscardOn(marker);
                return null;
            case State.Assembling:
                return Continue(gap, marker, parsed, header, payload);
            default:
                return Start(timestamp, marker, parsed, header, payload);
        }
    }

    /// <summary>Forgets the frame in progress, the sequence state and the cached tables (for a new stream).</summary>
    public void Reset()
    {
        _state = State.Idle;
        _hasSequence = false;
        _scanLength = 0;
        Array.Clear(_tablesByQ);
    }

    private JpegFrameResult? Start(uint timestamp, bool marker, bool parsed, JpegPayloadHeader header, ReadOnlySpan<byte> payload)
    {
        _timestamp = timestamp;
        _scanLength = 0;
        _state = State.Assembling;

        if (!parsed)
        {
            return DropAndDiscard(JpegFrameDropReason.MalformedPayload, marker, unsupported: false);
        }

        if (header.FragmentOffset != 0)
        {
            return DropAndDiscard(JpegFrameDropReason.MissingFirstFragment, marker, unsupported: false);
        }

        if ((header.Type & ~64) is not (0 or 1))
        {
            return DropAndDiscard(JpegFrameDropReason.UnsupportedType, marker, unsupported: true);
        }

        if (header.Width == 0 || header.Height == 0)
        {
            // Some cameras send 0 with a private extension for sizes over 2040; RFC 2435 defines no such thing.
            return DropAndDiscard(JpegFrameDropReason.ZeroSize, marker, unsupported: true);
        }

        JpegFrameDropReason? tablesProblem = LoadTables(header, payload);
        if (tablesProblem is not null)
        {
            bool unsupported = tablesProblem is JpegFrameDropReason.ReservedQ or JpegFrameDropReason.UnsupportedPrecision;
            return DropAndDiscard(tablesProblem.Value, marker, unsupported);
        }

        _first = header;
        return Append(marker, header, payload);
    }

    private JpegFrameResult? Continue(bool gap, bool marker, bool parsed, JpegPayloadHeader header, ReadOnlySpan<byte> payload)
    {
        if (!parsed)
        {
            return DropAndDiscard(JpegFrameDropReason.MalformedPayload, marker, unsupported: false);
        }

        if (gap)
        {
            return DropAndDiscard(JpegFrameDropReason.SequenceGap, marker, unsupported: false);
        }

        if (header.FragmentOffset != _scanLength)
        {
            return DropAndDiscard(JpegFrameDropReason.OffsetMismatch, marker, unsupported: false);
        }

        if (header.Type != _first.Type || header.Q != _first.Q || header.Width != _first.Width || header.Height != _first.Height
            || header.RestartInterval != _first.RestartInterval)
        {
            return DropAndDiscard(JpegFrameDropReason.HeaderChanged, marker, unsupported: false);
        }

        return Append(marker, header, payload);
    }

    private JpegFrameResult? Append(bool marker, JpegPayloadHeader header, ReadOnlySpan<byte> payload)
    {
        ReadOnlySpan<byte> data = payload[header.DataOffset..];
        if (_scanLength + data.Length > _maxFrameSize)
        {
            return DropAndDiscard(JpegFrameDropReason.TooLarge, marker, unsupported: false);
        }

        if (_scanLength + data.Length > _scan.Length)
        {
            Array.Resize(ref _scan, Math.Max(_scan.Length * 2, _scanLength + data.Length));
        }

        data.CopyTo(_scan.AsSpan(_scanLength));
        _scanLength += data.Length;
        return marker ? Complete() : null;
    }

    private JpegFrameResult Complete()
    {
        ReadOnlySpan<byte> scan = _scan.AsSpan(0, _scanLength);
        // Some senders keep the EOI in the last fragment; do not write a second one.
        bool hasEoi = scan.Length >= 2 && scan[^2] == 0xFF && scan[^1] == JpegMarkers.Eoi;
        int restart = _first.HasRestartHeader ? _first.RestartInterval : 0;
        int headerLength = JpegHeaderBuilder.GetLength(restart);
        var jpeg = new byte[headerLength + scan.Length + (hasEoi ? 0 : 2)];
        JpegHeaderBuilder.Write(jpeg, _first.Type, _first.Width, _first.Height, _frameTables.AsSpan(0, 64), _frameTables.AsSpan(64, 64), restart);
        scan.CopyTo(jpeg.AsSpan(headerLength));
        if (!hasEoi)
        {
            jpeg[^2] = 0xFF;
            jpeg[^1] = JpegMarkers.Eoi;
        }

        CompleteFrames++;
        Finish();
        return new JpegFrameResult(jpeg, _first.Width, _first.Height, _timestamp, _first.Type, _first.Q, restart);
    }

    /// <summary>Fills <see cref="_frameTables"/> for the frame starting with <paramref name="header"/> (RFC 2435 §3.1.8, §4.2).</summary>
    private JpegFrameDropReason? LoadTables(JpegPayloadHeader header, ReadOnlySpan<byte> payload)
    {
        byte q = header.Q;
        if (q is 0 or (>= 100 and < 128))
        {
            return JpegFrameDropReason.ReservedQ;
        }

        if (q < 100)
        {
            byte[] scaled = _tablesByQ[q] ??= BuildScaledTables(q);
            scaled.CopyTo(_frameTables, 0);
            return null;
        }

        if (header.QuantizationTablesLength == 0)
        {
            // Q=255 tables are per frame and never cached; 128..254 may reuse tables sent before.
            byte[]? cached = q == 255 ? null : _tablesByQ[q];
            if (cached is null)
            {
                return JpegFrameDropReason.MissingQuantizationTables;
            }

            cached.CopyTo(_frameTables, 0);
            return null;
        }

        if ((header.QuantizationPrecision & 0x03) != 0)
        {
            return JpegFrameDropReason.UnsupportedPrecision;
        }

        ReadOnlySpan<byte> tables = payload.Slice(header.QuantizationTablesOffset, header.QuantizationTablesLength);
        if (tables.Length >= TablesLength)
        {
            tables[..TablesLength].CopyTo(_frameTables);
        }
        else if (tables.Length >= 64)
        {
            // One table only: the same table serves luma and chroma.
            tables[..64].CopyTo(_frameTables);
            tables[..64].CopyTo(_frameTables.AsSpan(64));
        }
        else
        {
            return JpegFrameDropReason.MissingQuantizationTables;
        }

        if (q != 255)
        {
            _tablesByQ[q] = (byte[])_frameTables.Clone();
        }

        return null;
    }

    private static byte[] BuildScaledTables(int q)
    {
        var tables = new byte[TablesLength];
        JpegQuantizationTables.Write(q, tables);
        return tables;
    }

    private JpegFrameResult? DropAndDiscard(JpegFrameDropReason reason, bool marker, bool unsupported)
    {
        Drop(reason, unsupported);
        _state = State.Discarding;
        EndDiscardOn(marker);
        return null;
    }

    private void Drop(JpegFrameDropReason reason, bool unsupported)
    {
        if (unsupported)
        {
            UnsupportedFrames++;
        }
        else
        {
            IncompleteFrames++;
        }

        LastDropReason = reason;
        Finish();
    }

    private void EndDiscardOn(bool marker)
    {
        if (marker)
        {
            _state = State.Idle;
        }
    }

    private void Finish()
    {
        _state = State.Idle;
        _scanLength = 0;
    }
}
