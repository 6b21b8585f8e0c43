namespace Rtsp.Protocol.Rtsp;

/// <summary>
/// Incremental RTSP message parser for one connection: feed bytes as they arrive (split anywhere, several
/// pipelined messages in one read), then take complete messages out.
/// </summary>
/// <remarks>
/// <see cref="Feed"/> parses at once and keeps only what the limits allow. Malformed input is reported by
/// <see cref="TryReadMessage"/> as an <see cref="RtspParseException"/>, after the messages completed before it,
/// so a server can still answer pipelined requests that preceded the garbage. After an error the parser is dead:
/// every later call throws the same exception (the byte stream has lost its framing).
/// </remarks>
public sealed class RtspMessageParser
{
    private readonly RtspMessageAssembler _assembler;
    private readonly Queue<RtspMessage> _ready = new();
    private RtspParseException? _error;

    public RtspMessageParser(RtspParserLimits? limits = null) => _assembler = new RtspMessageAssembler(limits);

    /// <summary>True once malformed input has been seen.</summary>
    public bool IsFaulted => _error is not null;

    /// <summary>True while part of a message is buffered (for a caller that wants to tell a clean close from a truncated one).</summary>
    public bool HasPartialMessage => _assembler.InProgress;

    public void Feed(ReadOnlySpan<byte> data)
    {
        if (_error is not null)
        {
            throw _error;
        }

        try
        {
            while (!data.IsEmpty)
            {
                var used = _assembler.Consume(data, out var message);
                if (message is not null)
                {
                    _ready.Enqueue(message);
                }

                data = data[used..];
            }
        }
        catch (RtspParseException e)
        {
            _error = e;
        }
    }

    /// <summary>Takes the next complete message; false when more bytes are needed.</summary>
    public bool TryReadMessage(out RtspMessage? message)
    {
        if (_ready.TryDequeue(out message))
        {
            return true;
        }

        if (_error is not null)
        {
            throw _error;
        }

        return false;
    }
}
