using System.Buffers.Binary;

namespace Rtsp.Protocol.Rtsp;

/// <summary>
/// Splits one RTSP-over-TCP byte stream into interleaved <c>$</c> frames and RTSP messages (RFC 2326 §10.12).
/// Both may come in any order and be split anywhere. A <c>$</c> can only start a frame between messages: inside
/// a message it is ordinary text or body. Errors behave as in <see cref="RtspMessageParser"/>: reported by
/// <see cref="TryReadNext"/> after the items completed before them; afterwards every call throws.
/// </summary>
public sealed class InterleavedDemultiplexer
{
    private readonly RtspMessageAssembler _assembler;
    private readonly Queue<InterleavedItem> _ready = new();
    private readonly byte[] _frameHeader = new byte[InterleavedFrame.HeaderLength];
    private int _frameHeaderFilled;
    private byte[]? _framePayload;
    private int _framePayloadFilled;
    private RtspParseException? _error;

    public InterleavedDemultiplexer(RtspParserLimits? limits = null) => _assembler = new RtspMessageAssembler(limits);

    public bool IsFaulted => _error is not null;

    /// <summary>True while an RTSP message has started but not ended (a reader that times out or sees the stream
    /// close can then say a response was cut short).</summary>
    public bool HasPartialMessage => _assembler.InProgress;

    /// <summary>The '$' frame begun but not complete, if any: its channel, announced length and the payload bytes
    /// received so far (null while no frame is open or its 4-byte header is still incomplete).</summary>
    public PartialInterleavedFrame? PartialFrame =>
        _framePayload is null ? null : new PartialInterleavedFrame(_frameHeader[1], _framePayload.Length, _framePayloadFilled);

    /// <summary>True while part of a message or frame has arrived but not all of it (a server times how long that
    /// lasts to cut off clients that send a request one byte at a time).</summary>
    public bool InProgress => _frameHeaderFilled > 0 || _assembler.InProgress;

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
                data = data[Step(data)..];
            }
        }
        catch (RtspParseException e)
        {
            _error = e;
        }
    }

    public bool TryReadNext(out InterleavedItem? item)
    {
        if (_ready.TryDequeue(out item))
        {
            return true;
        }

        if (_error is not null)
        {
            throw _error;
        }

        return false;
    }

    /// <summary>Consumes the bytes of at most one item; returns how many.</summary>
    private int Step(ReadOnlySpan<byte> data)
    {
        if (_frameHeaderFilled > 0)
        {
            return ContinueFrame(data);
        }

        if (!_assembler.InProgress)
        {
            if (data[0] == InterleavedFrame.Magic)
            {
                return ContinueFrame(data);
            }

            if (data[0] is (byte)'\r' or (byte)'\n')
            {
                // Line ends between items: the tail of a CRLF-terminated message, or keep-alive blank lines.
                return 1;
            }
        }

        var used = _assembler.Consume(data, out var message);
        if (message is not null)
        {
            _ready.Enqueue(new RtspItem(message));
        }

        return used;
    }

    private int ContinueFrame(ReadOnlySpan<byte> data)
    {
        var used = 0;
        while (_frameHeaderFilled < InterleavedFrame.HeaderLength && used < data.Length)
        {
            _frameHeader[_frameHeaderFilled++] = data[used++];
        }

        if (_frameHeaderFilled < InterleavedFrame.HeaderLength)
        {
            return used;
        }

        _framePayload ??= new byte[BinaryPrimitives.ReadUInt16BigEndian(_frameHeader.AsSpan(2))];
        var take = Math.Min(_framePayload.Length - _framePayloadFilled, data.Length - used);
        data.Slice(used, take).CopyTo(_framePayload.AsSpan(_framePayloadFilled));
        _framePayloadFilled += take;
        used += take;
        if (_framePayloadFilled == _framePayload.Length)
        {
            _ready.Enqueue(new InterleavedFrame(_frameHeader[1], _framePayload));
            _frameHeaderFilled = 0;
            _framePayload = null;
            _framePayloadFilled = 0;
        }

        return used;
    }
}
