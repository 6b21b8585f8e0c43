using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Client.Media;

/// <summary>RFC 2435: the core's depacketizer; a frame ends with its marker packet.</summary>
internal sealed class JpegFrameAssembler : IFrameAssembler
{
    private readonly JpegDepacketizer _depacketizer = new();

    public long IncompleteFrames => _depacketizer.IncompleteFrames;

    public IReadOnlyList<AssembledFrame> Push(RtpPacket packet)
    {
        var result = _depacketizer.Push(packet.SequenceNumber, packet.Timestamp, packet.Marker, packet.Payload.Span);
        return result is null ? [] : [new AssembledFrame(result.Jpeg, result.Width, result.Height, result.Timestamp, IsKeyframe: true)];
    }

    public IReadOnlyList<AssembledFrame> Flush() => [];
}
