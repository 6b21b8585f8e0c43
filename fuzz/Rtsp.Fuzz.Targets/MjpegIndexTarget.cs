using Rtsp.Protocol;
using Rtsp.Protocol.Mjpeg;

namespace Rtsp.Fuzz.Targets;

/// <summary>
/// The MJPEG file indexer (what the server reads media files with), strict and with a truncated tail accepted;
/// every indexed frame is read back both ways the server reads frames.
/// </summary>
public static class MjpegIndexTarget
{
    public static void Run(byte[] input)
    {
        Index(input, new MjpegIndexOptions());
        Index(input, new MjpegIndexOptions { AcceptTruncatedLastFrame = true, MaxFrameLength = 1 << 16 });
    }

    private static void Index(byte[] input, MjpegIndexOptions options)
    {
        try
        {
            using var index = MjpegFileIndex.FromBytes(input, options);
            if (index.FrameCount > input.Length)
            {
                throw new InvalidOperationException($"{index.FrameCount} frames indexed in {input.Length} bytes");
            }
            var buffer = new byte[index.MaxFrameLength];
            for (var i = 0; i < index.FrameCount; i++)
            {
                var frame = index.GetFrame(i);
                var read = index.ReadFrame(i, buffer);
                if (read != frame.Length || !frame.Span.SequenceEqual(buffer.AsSpan(0, read)))
                {
                    throw new InvalidOperationException($"GetFrame and ReadFrame disagree on frame {i}");
                }
            }
        }
        catch (ProtocolFormatException)
        {
            // Empty, non-JPEG or truncated data: the typed error.
        }
    }
}
