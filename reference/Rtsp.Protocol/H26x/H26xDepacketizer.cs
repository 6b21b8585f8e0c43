using System.Buffers.Binary;

namespace Rtsp.Protocol.H26x;

/// <summary>
/// Rebuilds access units from the RTP payloads of one H.264 (RFC 6184) or H.265 (RFC 7798) stream in
/// packetization-mode 0/1 (H.265: sprop-max-don-diff 0, no DONL fields): single NAL unit packets, STAP-A / AP
/// aggregation and FU-A / FU fragmentation. An access unit is the NAL units of one RTP timestamp, ended by the
/// marker bit or by the next timestamp (RFC 6184 §5.1: the marker is set on the last packet of an access unit,
/// but receivers "MUST NOT rely on this property").
/// Feed packets in sequence-number order (put a reorder buffer in front if the network reorders). Broken packets are
/// reported in <see cref="H26xPushResult.Problems"/> with a named <see cref="H26xRejectReason"/>, never thrown; a
/// sequence gap is loss, not the sender's fault: fragments cut by it are dropped silently and the unit is flagged
/// <see cref="H26xAccessUnit.PacketsLost"/>. One instance per stream (SSRC). Not thread-safe.
/// </summary>
public sealed class H26xDepacketizer
{
    private const int MaxMisorder = 100;

    private readonly H26xCodec _codec;
    private readonly int _headerLength;
    private readonly int _maxAccessUnitSize;
    private readonly List<H26xProblem> _problems = [];
    private readonly List<H26xAccessUnit> _completed = [];

    private H26xAccessUnit? _current;
    private bool _hasSequence;
    private ushort _lastSequence;

    // The fragmented NAL unit in progress (FU-A / FU), rebuilt header included.
    private byte[]? _fragment;
    private int _fragmentLength;
    private uint _fragmentTimestamp;

    // After loss cut a fragmented NAL unit, its remaining FUs are dropped silently until its E bit or a new start.
    private bool _skippingLostFragment;

    /// <param name="maxAccessUnitSize">Largest access unit accepted, in bytes; larger ones are dropped as <see cref="H26xRejectReason.TooLarge"/>.</param>
    public H26xDepacketizer(H26xCodec codec, int maxAccessUnitSize = 16 * 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAccessUnitSize, 1);
        _codec = codec;
        _headerLength = NalUnitHeader.LengthOf(codec);
        _maxAccessUnitSize = maxAccessUnitSize;
    }

    public H26xCodec Codec => _codec;

    public long CompleteAccessUnits { get; private set; }

    /// <summary>Packets that broke a rule (each counted once, whatever it broke).</summary>
    public long ProblemPackets { get; private set; }

    /// <summary>Fragmented NAL units dropped because a sequence gap cut them (loss, not a sender fault).</summary>
    public long LostFragments { get; private set; }

    /// <summary>Copies of packets, or packets overtaken by later ones (ignored).</summary>
    public long DuplicatePackets { get; private set; }

    /// <summary>Feeds one RTP packet's header fields and payload.</summary>
    public H26xPushResult Push(ushort sequence, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        _problems.Clear();
        _completed.Clear();
        bool gap = false;
        if (_hasSequence)
        {
            int delta = (short)(ushort)(sequence - _lastSequence);
            if (delta <= 0 && delta > -MaxMisorder)
            {
                DuplicatePackets++;
                return H26xPushResult.Empty;
            }

            gap = delta != 1;
        }

        _hasSequence = true;
        _lastSequence = sequence;

        if (_current is not null && _current.Timestamp != timestamp)
        {
            // A fragmented NAL unit is still open. Its continuation under the new timestamp is the sender's error;
            // anything else means the E bit never came (unless packets were lost in between).
            if (_fragment is not null && !gap)
            {
                bool continuation = IsFragmentContinuation(payload);
                Problem(continuation ? H26xRejectReason.FragmentTimestampChanged : H26xRejectReason.FragmentNotEnded,
                    continuation
                        ? $"the FU at seq {sequence} continues a NAL unit started at timestamp {_fragmentTimestamp} under timestamp {timestamp}"
                        : $"the NAL unit fragmented from timestamp {_fragmentTimestamp} has no FU with the E bit before seq {sequence}");
                if (continuation)
                {
                    // Reported; the fragment is dropped with its NAL unit.
                    AbandonFragment(lost: false);
                    Close(marker: false);
                    StartUnit(timestamp, sequence);
                    _current!.PacketCount++;
                    _current.Incomplete = true;
                    _current.LastSequence = sequence;
                    return Finish(marker);
                }
            }

            // Packets lost at the boundary may have been this unit's last ones.
            _current.PacketsLost |= gap;
            AbandonFragment(lost: gap);
            Close(marker: false);
        }

        if (_current is null)
        {
            StartUnit(timestamp, sequence);
        }

        // Without a marker, packets lost just before a unit may have been its first ones.
        _current!.PacketsLost |= gap;

        var unit = _current!;
        unit.PacketCount++;
        unit.LastSequence = sequence;
        Depacketize(payload, gap, sequence, timestamp);
        return Finish(marker);
    }

    /// <summary>Ends the input: returns the access unit in progress (no marker seen), if any.</summary>
    public H26xAccessUnit? Flush()
    {
        if (_current is null)
        {
            return null;
        }

        AbandonFragment(lost: true);
        var unit = _current;
        _current = null;
        return unit;
    }

    /// <summary>Forgets everything (a new stream, or a new PLAY).</summary>
    public void Reset()
    {
        _current = null;
        _fragment = null;
        _skippingLostFragment = false;
        _hasSequence = false;
    }

    private H26xPushResult Finish(bool marker)
    {
        if (marker)
        {
            if (_fragment is not null)
            {
                Problem(H26xRejectReason.FragmentNotEnded, $"the marker packet seq {_lastSequence} ends the access unit inside a fragmented NAL unit (no E bit)");
                AbandonFragment(lost: false);
            }

            Close(marker: true);
        }

        if (_problems.Count > 0)
        {
            ProblemPackets++;
        }

        return _problems.Count == 0 && _completed.Count == 0 ? H26xPushResult.Empty : new H26xPushResult([.. _completed], [.. _problems]);
    }

    private void StartUnit(uint timestamp, ushort sequence) => _current = new H26xAccessUnit(_codec, timestamp, sequence);

    private void Close(bool marker)
    {
        if (_current is null)
        {
            return;
        }

        _current.MarkerSeen = marker;
        if (!_current.Incomplete && !_current.PacketsLost)
        {
            CompleteAccessUnits++;
        }

        _completed.Add(_current);
        _current = null;
    }

    private void Depacketize(ReadOnlySpan<byte> payload, bool gap, ushort sequence, uint timestamp)
    {
        if (!NalUnitHeader.TryParse(_codec, payload, out var header))
        {
            Problem(H26xRejectReason.TooShort, $"seq {sequence}: a {payload.Length}-byte payload has no {_headerLength}-byte payload header");
            _current!.Incomplete = true;
            return;
        }

        bool fragmentation = header.Type == NalUnitTypes.Fragmentation(_codec);
        if (!fragmentation)
        {
            _skippingLostFragment = false;
        }
        if (_fragment is not null && !fragmentation)
        {
            if (!gap)
            {
                Problem(H26xRejectReason.FragmentNotEnded, $"seq {sequence} ({header.TypeName}) arrives inside a fragmented NAL unit that never got its E bit");
            }

            AbandonFragment(lost: gap);
        }

        if (header.ForbiddenBit)
        {
            Problem(H26xRejectReason.ForbiddenBit, $"seq {sequence}: the payload header ({header.TypeName}) has F = 1");
        }

        if (fragmentation)
        {
            Fragment(payload, header, gap, sequence, timestamp);
        }
        else if (header.Type == NalUnitTypes.Aggregation(_codec))
        {
            Aggregate(payload[_headerLength..], sequence);
        }
        else if (_codec == H26xCodec.H264 && header.Type is NalUnitTypes.H264StapB or NalUnitTypes.H264Mtap16 or NalUnitTypes.H264Mtap24 or NalUnitTypes.H264FuB)
        {
            Drop(H26xRejectReason.InterleavedModeType, $"seq {sequence}: {header.TypeName} is only allowed in interleaved mode (packetization-mode 2)");
        }
        else if (_codec == H26xCodec.H265 && header.Type == NalUnitTypes.H265Paci)
        {
            Drop(H26xRejectReason.UnsupportedPaci, $"seq {sequence}: PACI packets are not unpacked");
        }
        else
        {
            AddNal(payload, sequence);
        }
    }

    private void Aggregate(ReadOnlySpan<byte> units, ushort sequence)
    {
        int count = 0;
        while (units.Length > 0)
        {
            if (units.Length < 2)
            {
                Drop(H26xRejectReason.TruncatedAggregation, $"seq {sequence}: aggregation unit {count + 1} has a 1-byte size field");
                return;
            }

            int size = BinaryPrimitives.ReadUInt16BigEndian(units);
            units = units[2..];
            if (size == 0)
            {
                Drop(H26xRejectReason.ZeroLengthNal, $"seq {sequence}: aggregation unit {count + 1} has size 0");
                continue;
            }

            if (size > units.Length)
            {
                Drop(H26xRejectReason.TruncatedAggregation, $"seq {sequence}: aggregation unit {count + 1} claims {size} bytes, {units.Length} remain");
                return;
            }

            AddNal(units[..size], sequence);
            units = units[size..];
            count++;
        }

        if (count == 0)
        {
            Drop(H26xRejectReason.ZeroLengthNal, $"seq {sequence}: an aggregation packet with no NAL unit");
        }
    }

    private void Fragment(ReadOnlySpan<byte> payload, NalUnitHeader header, bool gap, ushort sequence, uint timestamp)
    {
        if (payload.Length < _headerLength + 1)
        {
            Drop(H26xRejectReason.TooShort, $"seq {sequence}: an FU of {payload.Length} bytes has no FU header");
            AbandonFragment(lost: gap);
            return;
        }

        byte fuHeader = payload[_headerLength];
        bool start = (fuHeader & 0x80) != 0;
        bool end = (fuHeader & 0x40) != 0;
        int type = _codec == H26xCodec.H264 ? fuHeader & 0x1F : fuHeader & 0x3F;
        var data = payload[(_headerLength + 1)..];
        if (start && end)
        {
            Drop(H26xRejectReason.FragmentStartAndEnd, $"seq {sequence}: an FU ({NalUnitTypes.Name(_codec, type)}) with both S and E set");
            AbandonFragment(lost: gap);
            return;
        }

        if (data.IsEmpty)
        {
            Drop(H26xRejectReason.ZeroLengthNal, $"seq {sequence}: an FU with no fragment bytes");
            AbandonFragment(lost: gap);
            return;
        }

        if (start)
        {
            _skippingLostFragment = false;
            if (_fragment is not null)
            {
                if (!gap)
                {
                    Problem(H26xRejectReason.FragmentNotEnded, $"seq {sequence}: a new FU start while the previous fragmented NAL unit had no E bit");
                }

                AbandonFragment(lost: gap);
            }

            // The fragmented NAL unit's header: F and NRI (H.264) or F, LayerId, TID (H.265) from the payload
            // header, the type from the FU header (RFC 6184 §5.8, RFC 7798 §4.4.3).
            _fragment = new byte[Math.Max(256, _headerLength + data.Length * 4)];
            if (_codec == H26xCodec.H264)
            {
                _fragment[0] = (byte)((payload[0] & 0xE0) | type);
            }
            else
            {
                _fragment[0] = (byte)((payload[0] & 0x81) | (type << 1));
                _fragment[1] = payload[1];
            }

            _fragmentLength = _headerLength;
            _fragmentTimestamp = timestamp;
            AppendFragment(data);
            return;
        }

        if (_fragment is null)
        {
            if (gap || _skippingLostFragment)
            {
                if (!_skippingLostFragment)
                {
                    LostFragments++;
                }

                _skippingLostFragment = !end;
                _current!.Incomplete = true;
            }
            else
            {
                Drop(H26xRejectReason.FragmentWithoutStart, $"seq {sequence}: an FU continuation ({NalUnitTypes.Name(_codec, type)}) with no FU start before it");
            }

            return;
        }

        if (gap)
        {
            AbandonFragment(lost: true);
            _skippingLostFragment = !end;
            return;
        }

        AppendFragment(data);
        if (end && _fragment is not null)
        {
            var nal = _fragment.AsSpan(0, _fragmentLength);
            _fragment = null;
            AddNal(nal, sequence);
        }
    }

    private void AppendFragment(ReadOnlySpan<byte> data)
    {
        if (_fragmentLength + data.Length > _maxAccessUnitSize)
        {
            Drop(H26xRejectReason.TooLarge, $"a fragmented NAL unit over {_maxAccessUnitSize} bytes");
            _fragment = null;
            return;
        }

        if (_fragmentLength + data.Length > _fragment!.Length)
        {
            Array.Resize(ref _fragment, Math.Max(_fragment.Length * 2, _fragmentLength + data.Length));
        }

        data.CopyTo(_fragment.AsSpan(_fragmentLength));
        _fragmentLength += data.Length;
    }

    private void AddNal(ReadOnlySpan<byte> nal, ushort sequence)
    {
        var unit = _current!;
        if (!NalUnitHeader.TryParse(_codec, nal, out var header))
        {
            Drop(H26xRejectReason.TooShort, $"seq {sequence}: a {nal.Length}-byte NAL unit has no header");
            return;
        }

        if (header.ForbiddenBit && _problems.All(p => p.Reason != H26xRejectReason.ForbiddenBit))
        {
            Problem(H26xRejectReason.ForbiddenBit, $"seq {sequence}: NAL unit {header.TypeName} has F = 1");
        }

        if (_codec == H26xCodec.H264 && header.Type is 0 or 30 or 31)
        {
            // RFC 6184 §5.4: reserved types "MUST be ignored by a receiver".
            Drop(H26xRejectReason.UndefinedType, $"seq {sequence}: NAL unit type {header.Type} is reserved");
            return;
        }

        if (_codec == H26xCodec.H264 ? header.Type >= NalUnitTypes.H264StapA : header.Type >= NalUnitTypes.H265Aggregation && header.Type <= NalUnitTypes.H265Paci)
        {
            // A payload structure nested in another (an FU inside a STAP, an FU whose type is FU...).
            Drop(H26xRejectReason.InterleavedModeType, $"seq {sequence}: {header.TypeName} nested inside another payload structure");
            return;
        }

        if (NalUnitTypes.IsReserved(_codec, header.Type))
        {
            Problem(H26xRejectReason.ReservedType, $"seq {sequence}: NAL unit type {header.TypeName}");
        }

        if (unit.Size + nal.Length > _maxAccessUnitSize)
        {
            Drop(H26xRejectReason.TooLarge, $"the access unit at timestamp {unit.Timestamp} grows past {_maxAccessUnitSize} bytes");
            return;
        }

        unit.Nals.Add(nal.ToArray());
        unit.Size += nal.Length;
    }

    private bool IsFragmentContinuation(ReadOnlySpan<byte> payload) =>
        payload.Length > _headerLength
        && NalUnitHeader.TryParse(_codec, payload, out var header)
        && header.Type == NalUnitTypes.Fragmentation(_codec)
        && (payload[_headerLength] & 0x80) == 0;

    private void AbandonFragment(bool lost)
    {
        if (_fragment is null)
        {
            return;
        }

        _fragment = null;
        if (lost)
        {
            LostFragments++;
        }

        if (_current is not null)
        {
            _current.Incomplete = true;
        }
    }

    private void Drop(H26xRejectReason reason, string detail)
    {
        Problem(reason, detail);
        if (_current is not null)
        {
            _current.Incomplete = true;
        }
    }

    private void Problem(H26xRejectReason reason, string detail) => _problems.Add(new H26xProblem(reason, detail));
}
