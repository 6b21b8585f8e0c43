using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Tests.Jpeg;

/// <summary>Packetizes a frame and feeds the payloads to a depacketizer as consecutive RTP packets.</summary>
internal static class PacketRoundTrip
{
    public static JpegFrameResult? Run(JpegFrameInfo frame, int maxPayloadSize, JpegDepacketizer? depacketizer = null, ushort firstSequence = 1000, uint timestamp = 90_000)
    {
        depacketizer ??= new JpegDepacketizer();
        IReadOnlyList<byte[]> payloads = new JpegPacketizer(maxPayloadSize).Packetize(frame);
        JpegFrameResult? result = null;
        for (int i = 0; i < payloads.Count; i++)
        {
            bool last = i == payloads.Count - 1;
            JpegFrameResult? pushed = depacketizer.Push((ushort)(firstSequence + i), timestamp, last, payloads[i]);
            if (!last)
            {
                pushed.Should().BeNull("a frame completes only on the marker packet");
            }

            result = pushed;
        }

        return result;
    }
}
