using Rtsp.Protocol;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Fuzz.Targets;

/// <summary>
/// The incremental RTSP parser fed in chunks chosen by the input (<see cref="ChunkedInput"/>): every completed
/// message is read back through the public API and serialized again, so a message the parser accepts but cannot
/// represent shows up too.
/// </summary>
public static class RtspMessageTarget
{
    public static void Run(byte[] input)
    {
        var parser = new RtspMessageParser();
        try
        {
            ChunkedInput.Feed(input, chunk =>
            {
                parser.Feed(chunk.Span);
                Drain(parser, chunk.Length);
            });
        }
        catch (ProtocolFormatException)
        {
            // The typed error: the parser rejected the stream, as it must for malformed input.
        }
    }

    private static void Drain(RtspMessageParser parser, int bytesFed)
    {
        // Every message takes at least one byte, so more messages than bytes fed would be a parser loop.
        for (var i = 0; i <= bytesFed; i++)
        {
            if (!parser.TryReadMessage(out var message))
            {
                return;
            }
            Touch(message!);
        }
        throw new InvalidOperationException($"the parser produced more messages than the {bytesFed} bytes fed");
    }

    /// <summary>Reads every public property a caller would, so a lazily failing accessor is found too.</summary>
    internal static void Touch(RtspMessage message)
    {
        _ = message.StartLine;
        _ = message.CSeq;
        foreach (var (name, value) in message.Headers)
        {
            _ = message.Headers.Get(name);
            _ = value.Length;
        }
        _ = message.ToBytes();
    }
}
