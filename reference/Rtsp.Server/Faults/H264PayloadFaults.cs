using Rtsp.Protocol.H26x;

namespace Rtsp.Server.Faults;

/// <summary>
/// The H.264 fault switches that change payload bytes (h264-fu-no-start, h264-fu-no-end, h264-no-parameter-sets),
/// applied once per access unit when it is packetized: the payload cache keeps the faulty payloads, so the
/// streamer's send path has no fault conditionals for them.
/// </summary>
public sealed class H264PayloadFaults(FaultSet faults)
{
    private const byte StartBit = 0x80;
    private const byte EndBit = 0x40;

    private readonly bool _noStart = faults.Has(FaultKind.H264FuNoStart);
    private readonly bool _noEnd = faults.Has(FaultKind.H264FuNoEnd);
    private readonly bool _noParameterSets = faults.Has(FaultKind.H264NoParameterSets);

    /// <summary>The access unit's payloads, with the active faults committed.</summary>
    public IReadOnlyList<byte[]> Packetize(H264Packetizer packetizer, ReadOnlyMemory<byte> accessUnit)
    {
        ArgumentNullException.ThrowIfNull(packetizer);
        var units = AnnexBSplitter.Split(accessUnit);
        if (_noParameterSets)
            units = [.. units.Where(u => H264Packetizer.NalType(u.Span) is not (H264Packetizer.SpsType or H264Packetizer.PpsType))];
        var payloads = packetizer.Packetize(units);
        if (_noStart || _noEnd)
        {
            // The packetizer's payloads are fresh arrays: clearing a bit in place touches no shared data.
            foreach (byte[] payload in payloads.Where(p => H264Packetizer.NalType(p) == H264Packetizer.FuAType))
            {
                if (_noStart)
                    payload[1] &= unchecked((byte)~StartBit);
                if (_noEnd)
                    payload[1] &= unchecked((byte)~EndBit);
            }
        }
        return payloads;
    }
}
