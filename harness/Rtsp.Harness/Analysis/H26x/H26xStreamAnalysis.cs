using System.Globalization;
using Rtsp.Harness.Analysis.Payload;
using Rtsp.Harness.Analysis.Streams;
using Rtsp.Protocol.H26x;

namespace Rtsp.Harness.Analysis.H26x;

/// <summary>
/// One H.264/H.265 stream judged: every play segment depacketized with Rtsp.Protocol's <see cref="H26xDepacketizer"/>
/// (its named problems become violations), then the access units judged in order (marker, timestamps, parameter
/// sets), and the decodable ones queued as one Annex B stream for <see cref="FfmpegDecoder"/>. Loss is never a
/// violation here (rtp.seq.* judge it): rules whose evidence a lost packet may have carried are not judged there.
/// </summary>
/// <param name="annexB">Where the decodable stream is written as it is rebuilt (a file: a long capture does not fit
/// in memory twice), or <see cref="Stream.Null"/> when nothing is decoded.</param>
internal sealed class H26xStreamAnalysis(H26xChecks checks, MediaStream stream, PayloadFormat format, H26xViolations v, Stream annexB)
{
    private static readonly byte[] StartCode = [0, 0, 0, 1];

    private readonly H26xCodec _codec = checks.Codec;
    private readonly Dictionary<ParameterSetKey, byte[]> _outOfBand = [];
    private readonly HashSet<int> _parameterSetTypesSeen = [];
    private readonly SortedDictionary<string, int> _packetKinds = new(StringComparer.Ordinal);
    private bool _randomAccessJudged;
    private bool _lossBefore;
    private bool _sizeNoted;

    // Units are judged as they complete, with one of lookahead (the marker and timestamp rules need the next unit):
    // a long capture's NAL units never pile up in memory.
    private AccessUnitRecord? _pending;
    private bool _pendingFirstOfSegment;
    private bool _chain; // a random-access picture started the decodable chain, and no unit of it was broken since
    private bool _skipLeadingPictures; // H.265: the chain started at a CRA/BLA, whose RASL pictures cannot be decoded
    private int _segment = -1;

    /// <summary>The units written to the decodable stream that hold a picture, in decoding order (after the
    /// out-of-band parameter sets, every access unit a decoder can take is written).</summary>
    public List<PictureRecord> Pictures { get; } = [];

    /// <summary>The pictures in the order a decoder outputs them: by play segment, then by RTP timestamp (the
    /// presentation time, RFC 6184 §5.1), which B-frames and leading pictures put out of decoding order.</summary>
    public List<PictureRecord> PicturesInOutputOrder()
    {
        var firstOfSegment = Pictures.GroupBy(p => p.Segment).ToDictionary(g => g.Key, g => g.First().Timestamp);
        return [.. Pictures.OrderBy(p => p.Segment).ThenBy(p => (int)(p.Timestamp - firstOfSegment[p.Segment]))];
    }

    /// <summary>Complete units left out of decoding because no random-access picture preceded them (or loss broke the chain).</summary>
    public int NotDecodable { get; private set; }

    public string StreamName => stream.Name;

    public void Run(AnalysisInput input)
    {
        if (!ReadParameters(out int packetizationMode))
        {
            return;
        }

        PathMtu.Check(stream, v.Mtu);
        foreach (var segment in FrameTimeline.Of(stream, input.Events).Segments)
        {
            Depacketize(segment, packetizationMode);
        }

        if (_packetKinds.Count > 0)
        {
            v.Packetization.Note($"{stream.Name}: {string.Join(", ", _packetKinds.Select(k => $"{k.Value} {k.Key}"))}.");
        }
    }

    private bool ReadParameters(out int packetizationMode)
    {
        packetizationMode = 0;
        if (!H26xFormatParameters.TryParse(_codec, format.Fmtp, out var parameters, out string? error))
        {
            v.ParameterSets.Add($"{stream.Name}: a=fmtp:{format.PayloadType} {format.Fmtp}: {error}");
            // Judge the rest by the other parameters (packetization-mode...), without the broken parameter sets.
            var others = format.Fmtp!.Split(';').Where(p => !p.Trim().StartsWith("sprop-", StringComparison.OrdinalIgnoreCase));
            H26xFormatParameters.TryParse(_codec, string.Join(';', others), out parameters, out _);
            parameters ??= H26xFormatParameters.Parse(_codec, null);
        }

        if (_codec == H26xCodec.H264 && parameters!.PacketizationMode > 1)
        {
            v.Packetization.Note($"{stream.Name}: packetization-mode={parameters.PacketizationMode} (interleaved) is not analyzed.");
            return false;
        }

        if (_codec == H26xCodec.H265 && parameters!.SpropMaxDonDiff > 0)
        {
            v.Packetization.Note($"{stream.Name}: sprop-max-don-diff={parameters.SpropMaxDonDiff} (DONL fields) is not analyzed.");
            return false;
        }

        packetizationMode = _codec == H26xCodec.H264 ? parameters!.PacketizationMode : 1;
        foreach (var set in parameters!.ParameterSets)
        {
            var header = NalUnitHeader.Parse(_codec, set);
            if (!ParameterSetKey.TryRead(_codec, set, out var key))
            {
                v.ParameterSets.Add($"{stream.Name}: the out-of-band {header.TypeName} does not parse");
                continue;
            }

            v.ParameterSets.MarkJudged();
            NoteSize(set);
            _outOfBand[key] = set;
            _parameterSetTypesSeen.Add(key.Type);
            AppendNal(set);
        }

        return true;
    }

    private void Depacketize(IReadOnlyList<MediaFrame> segment, int packetizationMode)
    {
        var depacketizer = new H26xDepacketizer(_codec);
        var numbers = new Dictionary<ushort, long>();
        bool firstUnit = true;
        _chain = false;
        _segment++;
        foreach (var packet in segment.SelectMany(f => f.Packets))
        {
            var rtp = packet.Rtp;
            numbers[rtp.SequenceNumber] = packet.Number;
            CheckPacketType(rtp.Payload.Span, packetizationMode, packet.Number);
            var result = depacketizer.Push(rtp.SequenceNumber, rtp.Timestamp, rtp.Marker, rtp.Payload.Span);
            foreach (var problem in result.Problems)
            {
                // A capture (or PLAY) that starts inside a fragmented NAL unit: its first FUs have no start.
                bool cutAtStart = firstUnit && problem.Reason == H26xRejectReason.FragmentWithoutStart;
                if (!cutAtStart)
                {
                    Report(problem, packet.Number);
                }
            }

            foreach (var unit in result.Completed)
            {
                Accept(Record(unit, numbers), firstUnit);
                firstUnit = false;
            }
        }

        if (depacketizer.Flush() is { } last)
        {
            Accept(Record(last, numbers) with { CutAtEnd = true }, firstUnit);
        }

        if (_pending is not null)
        {
            Judge(_pending, null, _pendingFirstOfSegment);
            _pending = null;
        }
    }

    private void Accept(AccessUnitRecord record, bool firstOfSegment)
    {
        if (_pending is not null)
        {
            Judge(_pending, record, _pendingFirstOfSegment);
        }

        _pending = record;
        _pendingFirstOfSegment = firstOfSegment;
    }

    private void Judge(AccessUnitRecord record, AccessUnitRecord? next, bool firstOfSegment)
    {
        JudgeMarker(record, next);
        JudgeTimestamp(record, next);
        JudgeParameterSets(record, firstOfSegment);
        if (record.Unit.NalUnits.Count > 0)
        {
            v.ForbiddenBit.MarkJudged();
            v.NalTypes.MarkJudged();
        }

        QueueForDecoding(record);
    }

    private static AccessUnitRecord Record(H26xAccessUnit unit, Dictionary<ushort, long> numbers) =>
        new(unit, numbers.GetValueOrDefault(unit.FirstSequence), numbers.GetValueOrDefault(unit.LastSequence));

    private void CheckPacketType(ReadOnlySpan<byte> payload, int packetizationMode, long number)
    {
        if (!NalUnitHeader.TryParse(_codec, payload, out var header))
        {
            return; // the depacketizer reports it
        }

        v.Packetization.MarkJudged();
        bool aggregation = header.Type == NalUnitTypes.Aggregation(_codec);
        bool fragmentation = header.Type == NalUnitTypes.Fragmentation(_codec);
        string kind = aggregation || fragmentation ? header.TypeName : "single NAL unit";
        _packetKinds[kind] = _packetKinds.GetValueOrDefault(kind) + 1;
        if (fragmentation)
        {
            v.FuBoundaries.MarkJudged();
        }

        if (packetizationMode == 0 && (aggregation || fragmentation))
        {
            v.Packetization.Add($"{stream.Name}: packet #{number} is {header.TypeName}, but packetization-mode 0 (the default when a=fmtp names none) allows single NAL unit packets only", number);
        }
    }

    private void Report(H26xProblem problem, long number)
    {
        var target = problem.Reason switch
        {
            H26xRejectReason.ForbiddenBit => v.ForbiddenBit,
            H26xRejectReason.UndefinedType or H26xRejectReason.ReservedType => v.NalTypes,
            H26xRejectReason.FragmentStartAndEnd or H26xRejectReason.FragmentWithoutStart or H26xRejectReason.FragmentNotEnded => v.FuBoundaries,
            H26xRejectReason.FragmentTimestampChanged => v.Timestamp,
            H26xRejectReason.UnsupportedPaci => null,
            _ => v.Packetization,
        };
        if (target is null)
        {
            v.Packetization.Note($"{stream.Name}: packet #{number}: {problem.Detail} (not judged).");
            return;
        }

        target.Add($"{stream.Name}: packet #{number}: {problem.Detail}", number);
    }

    private void JudgeMarker(AccessUnitRecord record, AccessUnitRecord? next)
    {
        var unit = record.Unit;
        if (next is null)
        {
            if (unit.MarkerSeen)
            {
                v.Marker.MarkJudged();
            }

            return; // the end of a segment: its marker packet may not have been captured
        }

        if (unit.MarkerSeen && next.Unit.Timestamp == unit.Timestamp)
        {
            v.Marker.Add($"{stream.Name}: marker on packet #{record.LastPacket} inside the access unit of timestamp {unit.Timestamp}: packet #{next.FirstPacket} has the same timestamp",
                record.LastPacket);
        }
        else if (!unit.MarkerSeen && !unit.PacketsLost && !next.Unit.PacketsLost)
        {
            v.Marker.Add($"{stream.Name}: the access unit of timestamp {unit.Timestamp} (packets #{record.FirstPacket}-#{record.LastPacket}) ends without a marker; timestamp {next.Unit.Timestamp} follows at #{next.FirstPacket}",
                record.LastPacket);
        }
        else if (unit.MarkerSeen)
        {
            v.Marker.MarkJudged();
        }
    }

    private void JudgeTimestamp(AccessUnitRecord previous, AccessUnitRecord? record)
    {
        if (record is null)
        {
            return;
        }

        // RFC 6184 §5.1: a NAL unit without timing of its own (parameter set, SEI) takes "the RTP timestamp of the
        // primary coded picture of the access unit in which the NAL unit is included": a timestamp with no picture
        // at all split an access unit.
        if (!previous.Unit.HasVcl && !previous.Unit.PacketsLost && !previous.Unit.Incomplete && previous.Unit.Timestamp != record.Unit.Timestamp)
        {
            v.Timestamp.Add($"{stream.Name}: NAL units [{string.Join(",", previous.Unit.NalTypes)}] at packet #{previous.FirstPacket} carry timestamp {previous.Unit.Timestamp} but no picture; the next picture has timestamp {record.Unit.Timestamp}",
                previous.FirstPacket);
            return;
        }

        if (record.Unit.PacketsLost || previous.Unit.PacketsLost || record.Unit.StartsPicture is not { } starts)
        {
            return;
        }

        if (!starts && previous.Unit.Timestamp != record.Unit.Timestamp)
        {
            v.Timestamp.Add($"{stream.Name}: the access unit of timestamp {record.Unit.Timestamp} at packet #{record.FirstPacket} opens with a slice that continues a picture (not its first slice): the picture of timestamp {previous.Unit.Timestamp} spans two timestamps",
                record.FirstPacket);
        }
        else
        {
            v.Timestamp.MarkJudged();
        }
    }

    private void JudgeParameterSets(AccessUnitRecord record, bool firstOfSegment)
    {
        foreach (var nal in record.Unit.NalUnits)
        {
            if (!ParameterSetKey.TryRead(_codec, nal, out var key))
            {
                continue;
            }

            _parameterSetTypesSeen.Add(key.Type);
            v.ParameterSets.MarkJudged();
            NoteSize(nal);
            if (_outOfBand.TryGetValue(key, out var announced) && !SameRbsp(announced, nal))
            {
                v.ParameterSets.Add($"{stream.Name}: the in-band {key} at packet #{record.FirstPacket} differs from the one in a=fmtp ({Convert.ToBase64String(nal)} vs {Convert.ToBase64String(announced)})",
                    record.FirstPacket);
            }
        }

        // A segment's first packets may be lost without a sequence gap to show it (nothing precedes them): the
        // first random-access picture judged is one with a packet before it.
        _lossBefore |= record.Unit.PacketsLost;
        if (_randomAccessJudged || !record.Unit.HasRandomAccess || firstOfSegment)
        {
            return;
        }

        _randomAccessJudged = true;
        if (_lossBefore)
        {
            return; // the missing parameter set may have been in a lost packet
        }

        v.ParameterSets.MarkJudged();
        int[] needed = _codec == H26xCodec.H264
            ? [NalUnitTypes.H264Sps, NalUnitTypes.H264Pps]
            : [NalUnitTypes.H265Vps, NalUnitTypes.H265Sps, NalUnitTypes.H265Pps];
        var missing = needed.Where(t => !_parameterSetTypesSeen.Contains(t)).Select(t => NalUnitTypes.Name(_codec, t)).ToList();
        if (missing.Count > 0)
        {
            v.ParameterSets.Add($"{stream.Name}: the first random-access picture (timestamp {record.Unit.Timestamp}, packet #{record.FirstPacket}) has no {string.Join(", ", missing)} before it, neither in a=fmtp nor in band",
                record.FirstPacket);
        }
    }

    private void NoteSize(byte[] nal)
    {
        if (!_sizeNoted && SequenceParameterSet.TryParse(_codec, nal, out var sps))
        {
            _sizeNoted = true;
            v.ParameterSets.Note($"{stream.Name}: SPS id {sps!.Id}: {sps.Width}x{sps.Height}, profile_idc {sps.ProfileIdc}, level_idc {sps.LevelIdc}.");
        }
    }

    // Trailing zero bytes (cabac_zero_words, stuffing) do not change a parameter set.
    private static bool SameRbsp(byte[] a, byte[] b) => a.AsSpan().TrimEnd((byte)0).SequenceEqual(b.AsSpan().TrimEnd((byte)0));

    private void QueueForDecoding(AccessUnitRecord record)
    {
        var unit = record.Unit;
        bool complete = !unit.Incomplete && !unit.PacketsLost && !record.CutAtEnd;
        if (unit.HasRandomAccess && complete)
        {
            // ITU-T H.265 §8.1.3: a decoder starting at a CRA or BLA picture drops its RASL pictures (types 8, 9):
            // they reference pictures before the starting point. Started at an IDR, or mid-chain, there are none to drop.
            _skipLeadingPictures = _codec == H26xCodec.H265 && !_chain && unit.NalTypes.Any(t => t is >= NalUnitTypes.H265IrapFirst and <= 18 or 21);
            _chain = true;
        }
        else if (_skipLeadingPictures && unit.HasVcl && !unit.NalTypes.Any(t => t is 8 or 9))
        {
            _skipLeadingPictures = false; // a trailing picture: the leading ones are over
        }

        if (!complete)
        {
            _chain = false;
            return;
        }

        if (!_chain || (_skipLeadingPictures && unit.NalTypes.Any(t => t is 8 or 9)))
        {
            // Parameter sets sent apart from their picture still configure the decoder.
            foreach (var nal in unit.NalUnits.Where(n => ParameterSetKey.TryRead(_codec, n, out _)))
            {
                AppendNal(nal);
            }

            NotDecodable += unit.HasVcl ? 1 : 0;
            return;
        }

        foreach (var nal in unit.NalUnits)
        {
            AppendNal(nal);
        }

        if (unit.HasVcl)
        {
            Pictures.Add(new PictureRecord(record.FirstPacket, unit.Timestamp, _segment));
        }
    }

    private void AppendNal(byte[] nal)
    {
        annexB.Write(StartCode);
        annexB.Write(nal);
    }

    public string Describe(PictureRecord picture) =>
        $"{stream.Name}: access unit of timestamp {picture.Timestamp.ToString(CultureInfo.InvariantCulture)} at packet #{picture.FirstPacket}";
}
