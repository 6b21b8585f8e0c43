using Rtsp.Protocol.Jpeg;

namespace Rtsp.Fuzz.Targets;

/// <summary>
/// The JFIF reader that decides whether a frame can go out as RFC 2435. Whatever it accepts must survive the
/// server's path: packetize, then depacketize into exactly one frame of the same size and type.
/// </summary>
public static class JpegFrameInfoTarget
{
    public static void Run(byte[] input)
    {
        if (!JpegFrameInfo.TryParse(input, out var frame, out _))
        {
            return;
        }
        var payloads = new JpegPacketizer(JpegPacketizer.MinimumPayloadSize + (input.Length % 1300)).Packetize(frame!);
        var depacketizer = new JpegDepacketizer();
        JpegFrameResult? result = null;
        for (var i = 0; i < payloads.Count; i++)
        {
            result = depacketizer.Push((ushort)(65530 + i), 90_000, i == payloads.Count - 1, payloads[i]);
        }
        if (result is null)
        {
            throw new InvalidOperationException(
                $"an accepted frame ({frame!.Width}x{frame.Height} type {frame.Type}, {payloads.Count} payloads) does not depacketize: {depacketizer.LastDropReason}");
        }
        if (result.Width != frame!.Width || result.Height != frame.Height || result.Type != frame.Type)
        {
            throw new InvalidOperationException(
                $"{frame.Width}x{frame.Height} type {frame.Type} depacketizes as {result.Width}x{result.Height} type {result.Type}");
        }
    }
}
