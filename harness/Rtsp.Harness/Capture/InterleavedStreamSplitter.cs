using System.Buffers.Binary;
using System.Text;
using Rtsp.Protocol;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Capture;

/// <summary>
/// One reassembled direction of an RTSP TCP connection -> `$` frames and RTSP messages (RFC 2326 §10.12), each
/// stamped with the frame number and time of the segment that completed it. After a hole in the stream or bytes
/// that parse as neither, it resynchronises on the next plausible `$` header or RTSP start line instead of
/// giving up on the connection.
/// </summary>
public sealed class InterleavedStreamSplitter
{
    private static readonly byte[][] StartTokens =
    [
        .. new[] { "RTSP/1.0 ", "RTSP/2.0 ", "OPTIONS ", "DESCRIBE ", "SETUP ", "PLAY ", "PAUSE ", "TEARDOWN ", "GET_PARAMETER ",
            "SET_PARAMETER ", "ANNOUNCE ", "RECORD ", "REDIRECT " }.Select(Encoding.ASCII.GetBytes),
    ];

    private InterleavedDemultiplexer _demultiplexer = new();
    private bool _resynchronising;

    /// <summary>Holes and unparseable stretches met, for the capture's warnings.</summary>
    public List<string> Problems { get; } = [];

    public void Feed(StreamChunk chunk, List<SplitItem> output)
    {
        var data = chunk.Data;
        if (chunk.GapBefore > 0)
        {
            Problems.Add($"{chunk.GapBefore} bytes missing from the TCP stream before frame {chunk.FrameNumber}");
            _demultiplexer = new InterleavedDemultiplexer();
            _resynchronising = true;
        }

        if (_resynchronising)
        {
            int start = FindResyncPoint(data.Span);
            if (start < 0)
            {
                return;
            }

            data = data[start..];
            _resynchronising = false;
        }

        try
        {
            _demultiplexer.Feed(data.Span);
            while (_demultiplexer.TryReadNext(out var item))
            {
                output.Add(new SplitItem(item!, chunk.FrameNumber, chunk.TimestampNs));
            }
        }
        catch (ProtocolFormatException e)
        {
            Problems.Add($"unparseable RTSP/interleaved data near frame {chunk.FrameNumber}: {e.Message}");
            _demultiplexer = new InterleavedDemultiplexer();
            _resynchronising = true;
        }
    }

    /// <summary>A `$` header whose length lands on another `$` or the end of the chunk, or an RTSP start line
    /// at a line start.</summary>
    internal static int FindResyncPoint(ReadOnlySpan<byte> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] == InterleavedFrame.Magic && i + InterleavedFrame.HeaderLength <= data.Length)
            {
                int next = i + InterleavedFrame.HeaderLength + BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
                if (next >= data.Length || data[next] == InterleavedFrame.Magic)
                {
                    return i;
                }
            }
            else if (i == 0 || data[i - 1] == '\n')
            {
                foreach (var token in StartTokens)
                {
                    if (data[i..].StartsWith(token))
                    {
                        return i;
                    }
                }
            }
        }

        return -1;
    }
}

/// <summary>A `$` frame or RTSP message, and the segment that completed it.</summary>
public readonly record struct SplitItem(InterleavedItem Item, long FrameNumber, long TimestampNs);
