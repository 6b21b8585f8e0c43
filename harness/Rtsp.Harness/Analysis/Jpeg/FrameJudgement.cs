using Rtsp.Harness.Analysis.Streams;
using Rtsp.Protocol.Jpeg;

namespace Rtsp.Harness.Analysis.Jpeg;

/// <summary>
/// The RFC 2435 structure of one frame (the packets of one timestamp, in sequence order). A frame at the edge of
/// a play segment may be cut by the capture or a PAUSE: missing pieces there are not the sender's fault and are
/// not judged. Returns whether the frame is sound enough to reassemble and decode.
/// </summary>
internal sealed class FrameJudgement(MediaStream stream, IReadOnlyList<MediaFrame> segment, int index, JpegViolations v)
{
    // Q 128-254 tables may be sent once and omitted later (length 0) — per stream, remembered here.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MediaStream, HashSet<byte>> TablesSeen = [];

    private readonly MediaFrame _frame = segment[index];

    public bool Judge()
    {
        var headers = new List<(RtpObservation Packet, JpegPayloadHeader Header)>(_frame.Packets.Count);
        foreach (var packet in _frame.Packets)
        {
            if (!JpegPayloadHeader.TryParse(packet.Rtp.Payload.Span, out var header, out var error))
            {
                v.Consistent.Add($"{stream.Name}: packet #{packet.Number}: {error}", packet.Number);
                return false;
            }

            headers.Add((packet, header));
        }

        var seqs = _frame.ExtendedSequences;
        bool firstInSegment = index == 0;
        bool lastInSegment = index == segment.Count - 1;
        bool gapBefore = !firstInSegment && seqs[0] != segment[index - 1].ExtendedSequences[^1] + 1;
        bool gapAfter = !lastInSegment && segment[index + 1].ExtendedSequences[0] != seqs[^1] + 1;
        bool cutAtStart = firstInSegment && headers[0].Header.FragmentOffset != 0;
        bool cutAtEnd = lastInSegment && !headers[^1].Packet.Rtp.Marker;
        if (cutAtStart || cutAtEnd)
        {
            return false;
        }

        // A reserved type or Q leaves the header layout undefined: the offsets cannot be judged then.
        bool sound = CheckConsistency(headers)
            & CheckType(headers[0])
            & CheckQuantization(headers[0])
            & CheckMarker(headers, gapAfter)
            & CheckRestart(headers)
            & CheckDimensions(headers[0]);
        sound = sound && CheckLayout(headers, seqs, gapBefore, gapAfter);
        return sound;
    }

    private bool CheckConsistency(List<(RtpObservation Packet, JpegPayloadHeader Header)> headers)
    {
        var first = headers[0].Header;
        foreach (var (packet, header) in headers.Skip(1))
        {
            if (header.Type != first.Type || header.Q != first.Q || header.Width != first.Width || header.Height != first.Height)
            {
                v.Consistent.Add(
                    $"{stream.Name}: packet #{packet.Number} has type {header.Type} Q {header.Q} {header.Width}x{header.Height}, its frame started with type {first.Type} Q {first.Q} {first.Width}x{first.Height}",
                    packet.Number);
                return false;
            }
        }

        v.Consistent.MarkJudged();
        return true;
    }

    private bool CheckMarker(List<(RtpObservation Packet, JpegPayloadHeader Header)> headers, bool gapAfter)
    {
        bool sound = true;
        for (int i = 0; i < headers.Count - 1; i++)
        {
            if (headers[i].Packet.Rtp.Marker)
            {
                v.Marker.Add($"{stream.Name}: marker set on packet #{headers[i].Packet.Number}, fragment {i + 1} of {headers.Count} of its frame", headers[i].Packet.Number);
                sound = false;
            }
        }

        var last = headers[^1].Packet;
        // A missing marker right before a sequence gap may be a lost last fragment, not a missing marker.
        if (!last.Rtp.Marker && !gapAfter)
        {
            v.Marker.Add($"{stream.Name}: the frame's last packet #{last.Number} (timestamp {last.Rtp.Timestamp}) has no marker", last.Number);
            sound = false;
        }

        if (sound)
        {
            v.Marker.MarkJudged();
        }

        return sound && last.Rtp.Marker;
    }

    // Bytes decide, sequence numbers explain: where a fragment does not continue at the previous one's end, a
    // sequence gap means fragments are missing (incomplete frame); contiguous sequence numbers mean the offset is
    // wrong. A skipped sequence number between fragments whose bytes do continue loses nothing.
    private bool CheckLayout(List<(RtpObservation Packet, JpegPayloadHeader Header)> headers, List<long> seqs, bool gapBefore, bool gapAfter)
    {
        var first = headers[0];
        if (first.Header.FragmentOffset != 0)
        {
            if (gapBefore)
            {
                v.Complete.Add($"{stream.Name}: the first fragment(s) of the frame with timestamp {_frame.Timestamp} are missing before packet #{first.Packet.Number}",
                    first.Packet.Number);
            }
            else
            {
                v.Offsets.Add($"{stream.Name}: the frame's first packet #{first.Packet.Number} has offset {first.Header.FragmentOffset}, not 0", first.Packet.Number);
            }

            return false;
        }

        for (int i = 1; i < headers.Count; i++)
        {
            var previous = headers[i - 1];
            int expected = previous.Header.FragmentOffset + previous.Packet.Rtp.Payload.Length - previous.Header.DataOffset;
            if (headers[i].Header.FragmentOffset == expected)
            {
                continue;
            }

            var packet = headers[i].Packet;
            if (seqs[i] != seqs[i - 1] + 1 && headers[i].Header.FragmentOffset > expected)
            {
                v.Complete.Add($"{stream.Name}: {seqs[i] - seqs[i - 1] - 1} packet(s) ({headers[i].Header.FragmentOffset - expected} bytes) missing before packet #{packet.Number} in the frame with timestamp {_frame.Timestamp}",
                    packet.Number);
            }
            else
            {
                v.Offsets.Add($"{stream.Name}: packet #{packet.Number} has offset {headers[i].Header.FragmentOffset}, the previous fragment ended at {expected}", packet.Number);
            }

            return false;
        }

        if (gapAfter && !headers[^1].Packet.Rtp.Marker)
        {
            v.Complete.Add($"{stream.Name}: the last fragment(s) of the frame with timestamp {_frame.Timestamp} are missing after packet #{headers[^1].Packet.Number}",
                headers[^1].Packet.Number);
            return false;
        }

        v.Offsets.MarkJudged();
        v.Complete.MarkJudged();
        return true;
    }

    private bool CheckType((RtpObservation Packet, JpegPayloadHeader Header) first)
    {
        if (first.Header.Type is 0 or 1 or 64 or 65)
        {
            v.Type.MarkJudged();
            return true;
        }

        v.Type.Add($"{stream.Name}: frame at packet #{first.Packet.Number} has type {first.Header.Type}", first.Packet.Number);
        return false;
    }

    private bool CheckRestart(List<(RtpObservation Packet, JpegPayloadHeader Header)> headers)
    {
        var first = headers[0].Header;
        if (!first.HasRestartHeader)
        {
            return true;
        }

        if (first.RestartInterval == 0)
        {
            v.Restart.Add($"{stream.Name}: type {first.Type} frame at packet #{headers[0].Packet.Number} has restart interval 0", headers[0].Packet.Number);
            return false;
        }

        var odd = headers.FirstOrDefault(h => h.Header.RestartInterval != first.RestartInterval);
        if (odd.Packet.Packet is not null)
        {
            v.Restart.Add($"{stream.Name}: packet #{odd.Packet.Number} has restart interval {odd.Header.RestartInterval}, its frame {first.RestartInterval}", odd.Packet.Number);
            return false;
        }

        v.Restart.MarkJudged();
        return true;
    }

    private bool CheckDimensions((RtpObservation Packet, JpegPayloadHeader Header) first)
    {
        if (first.Header.Width == 0 || first.Header.Height == 0)
        {
            v.Dimensions.Add($"{stream.Name}: frame at packet #{first.Packet.Number} announces {first.Header.Width}x{first.Header.Height}", first.Packet.Number);
            return false;
        }

        return true;
    }

    private bool CheckQuantization((RtpObservation Packet, JpegPayloadHeader Header) first)
    {
        var header = first.Header;
        string? problem = null;
        var seen = TablesSeen.GetOrCreateValue(stream);
        if (header.Q is 0 or (>= 100 and < 128))
        {
            problem = $"Q={header.Q} is reserved";
        }
        else if (header.Q >= 128)
        {
            if (!header.HasQuantizationHeader)
            {
                problem = $"Q={header.Q} without a quantization table header";
            }
            else if (header.QuantizationTablesLength == 0 && (header.Q == 255 || !seen.Contains(header.Q)))
            {
                problem = header.Q == 255 ? "Q=255 with no tables (they must be sent in every frame)" : $"Q={header.Q} omits tables never sent before";
            }
            else if (header.QuantizationTablesLength != 0 && header.QuantizationTablesLength % 64 != 0)
            {
                problem = $"a quantization table length of {header.QuantizationTablesLength} bytes is not whole 64-byte tables";
            }
            else if (header.QuantizationTablesLength != 0)
            {
                seen.Add(header.Q);
            }
        }

        if (problem is null)
        {
            v.Quantization.MarkJudged();
            return true;
        }

        v.Quantization.Add($"{stream.Name}: frame at packet #{first.Packet.Number}: {problem}", first.Packet.Number);
        return false;
    }
}
