using Rtsp.Protocol;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Fuzz.Targets;

/// <summary>
/// The interleaved demultiplexer (RFC 2326 §10.12 <c>$</c> frames mixed with RTSP messages on one TCP stream) fed in
/// chunks chosen by the input, like <see cref="RtspMessageTarget"/>.
/// </summary>
public static class InterleavedDemuxTarget
{
    public static void Run(byte[] input)
    {
        var demux = new InterleavedDemultiplexer();
        try
        {
            ChunkedInput.Feed(input, chunk =>
            {
                demux.Feed(chunk.Span);
                Drain(demux, chunk.Length);
            });
        }
        catch (ProtocolFormatException)
        {
            // The typed error for a malformed RTSP message inside the stream.
        }
    }

    private static void Drain(InterleavedDemultiplexer demux, int bytesFed)
    {
        // A $ frame takes at least 4 bytes and a message at least one, so this bound is never reached legitimately.
        for (var i = 0; i <= bytesFed; i++)
        {
            if (!demux.TryReadNext(out var item))
            {
                return;
            }
            switch (item)
            {
                case InterleavedFrame frame:
                    _ = InterleavedFrame.Encode(frame.Channel, frame.Payload);
                    break;
                case RtspItem rtsp:
                    RtspMessageTarget.Touch(rtsp.Message);
                    break;
                default:
                    throw new InvalidOperationException($"unexpected item type {item?.GetType().Name ?? "null"}");
            }
        }
        throw new InvalidOperationException($"the demultiplexer produced more items than the {bytesFed} bytes fed");
    }
}
