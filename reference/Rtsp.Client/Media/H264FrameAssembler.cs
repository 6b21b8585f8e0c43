using Rtsp.Protocol.H26x;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Client.Media;

/// <summary>
/// RFC 6184: H1's depacketizer (single NAL units, STAP-A, FU-A) rebuilds access units, ended by the marker or the
/// next timestamp. What comes out is decodable on its own from the first frame on: access units before the first
/// keyframe (IDR) are skipped, every keyframe without SPS and PPS in-band gets the latest ones in front (the
/// SDP's sprop-parameter-sets, or those last seen in-band), so each keyframe decodes on its own, and an access unit that lost packets or broke a rule is dropped and counted as incomplete, as are the
/// units after it up to the next keyframe (they refer to the broken picture).
/// </summary>
internal sealed class H264FrameAssembler(IReadOnlyList<byte[]> sdpParameterSets) : IFrameAssembler
{
    private readonly H26xDepacketizer _depacketizer = new(H26xCodec.H264);
    private IReadOnlyList<byte[]> _parameterSets = sdpParameterSets;
    private bool _decodable;
    private int _width;
    private int _height;

    public long IncompleteFrames { get; private set; }

    /// <summary>Access units skipped while waiting for a keyframe (at the start, or after a broken unit).</summary>
    public long SkippedBeforeKeyframe { get; private set; }

    public IReadOnlyList<AssembledFrame> Push(RtpPacket packet)
    {
        var result = _depacketizer.Push(packet.SequenceNumber, packet.Timestamp, packet.Marker, packet.Payload.Span);
        if (result.Completed.Count == 0)
            return [];
        var frames = new List<AssembledFrame>(result.Completed.Count);
        foreach (var unit in result.Completed)
        {
            if (Accept(unit) is { } frame)
                frames.Add(frame);
        }
        return frames;
    }

    public IReadOnlyList<AssembledFrame> Flush() =>
        _depacketizer.Flush() is { } unit && Accept(unit) is { } frame ? [frame] : [];

    private AssembledFrame? Accept(H26xAccessUnit unit)
    {
        if (unit.Incomplete || unit.PacketsLost || !unit.HasVcl)
        {
            IncompleteFrames++;
            _decodable = false;
            return null;
        }
        bool keyframe = unit.HasRandomAccess;
        if (!_decodable && !keyframe)
        {
            SkippedBeforeKeyframe++;
            return null;
        }
        byte[] data = unit.ToAnnexB();
        if (unit.HasSps && unit.HasPps)
            _parameterSets = [.. unit.NalUnits.Where(n => NalUnitTypes.IsSps(H26xCodec.H264, n[0] & 0x1F) || NalUnitTypes.IsPps(H26xCodec.H264, n[0] & 0x1F))];
        else if (keyframe && _parameterSets.Count > 0)
            data = [.. WithStartCodes(_parameterSets), .. data];
        _decodable = true;
        ReadSize(_parameterSets);
        return new AssembledFrame(data, _width, _height, unit.Timestamp, keyframe);
    }

    private void ReadSize(IEnumerable<byte[]> units)
    {
        foreach (var nal in units)
        {
            if (NalUnitTypes.IsSps(H26xCodec.H264, nal[0] & 0x1F) && SequenceParameterSet.TryParse(H26xCodec.H264, nal, out var sps) && sps is not null)
            {
                (_width, _height) = (sps.Width, sps.Height);
                return;
            }
        }
    }

    private static byte[] WithStartCodes(IEnumerable<byte[]> units)
    {
        using var stream = new MemoryStream();
        AnnexBSplitter.Write(stream, units.Select(u => (ReadOnlyMemory<byte>)u));
        return stream.ToArray();
    }
}
