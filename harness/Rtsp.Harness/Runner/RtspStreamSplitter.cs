using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Rtsp.Harness.Runner;

/// <summary>
/// Cuts the byte stream a server sends on its RTSP connection into interleaved <c>$</c> frames and whole RTSP
/// messages, keeping each message's exact bytes: the transcript and the evidence must show what the server really
/// sent (a missing reason phrase, bare LF), not a re-serialized copy. Typed parsing happens afterwards, per message,
/// so one malformed response is a finding about that response rather than the end of the connection.
/// </summary>
public sealed class RtspStreamSplitter
{
    /// <summary>A header block larger than this is not RTSP: the stream is treated as broken.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    /// <summary>The largest body the harness buffers: the protocol parser's limit (RFC 2326 sets none; an SDP is a few KiB).</summary>
    public static readonly int MaxBodyBytes = Rtsp.Protocol.Rtsp.RtspParserLimits.Default.MaxBodyLength;

    private readonly List<byte> buffer = [];

    /// <summary>Set once the stream cannot be split any further (then everything after is kept as one unknown blob).</summary>
    public string? Fault { get; private set; }

    public void Feed(ReadOnlySpan<byte> data) => buffer.AddRange(data.ToArray());

    /// <summary>The next complete item, or null if more bytes are needed.</summary>
    public SplitItem? Next()
    {
        if (Fault is not null)
        {
            return null;
        }

        var start = 0;
        while (start < buffer.Count && buffer[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start == buffer.Count)
        {
            buffer.Clear();
            return null;
        }

        if (buffer[start] == (byte)'$')
        {
            if (buffer.Count - start < 4)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian([buffer[start + 2], buffer[start + 3]]);
            if (buffer.Count - start < 4 + length)
            {
                return null;
            }

            var channel = buffer[start + 1];
            var payload = buffer.GetRange(start + 4, length).ToArray();
            buffer.RemoveRange(0, start + 4 + length);
            return new SplitItem(channel, payload, null);
        }

        var headerEnd = FindHeaderEnd(start);
        if (headerEnd < 0)
        {
            if (buffer.Count - start > MaxHeaderBytes)
            {
                Fault = $"the message's headers exceed {MaxHeaderBytes / 1024} KiB with no blank line ending them";
            }

            return null;
        }

        var headerText = Encoding.Latin1.GetString(buffer.GetRange(start, headerEnd - start).ToArray());
        var (bodyLength, fault) = ContentLength(headerText);
        if (fault is not null)
        {
            Fault = fault;
            return null;
        }

        if (buffer.Count - headerEnd < bodyLength)
        {
            return null;
        }

        var message = buffer.GetRange(start, headerEnd - start + bodyLength).ToArray();
        buffer.RemoveRange(0, headerEnd + bodyLength);
        return new SplitItem(null, null, message);
    }

    /// <summary>Whatever is buffered and could not be split (for evidence when the stream broke).</summary>
    public byte[] Remainder() => buffer.ToArray();

    /// <summary>Bytes buffered towards an item not yet complete.</summary>
    public int Buffered => buffer.Count;

    /// <summary>What the buffered bytes are the start of, for evidence when the stream stops there (null when none are).</summary>
    public string? DescribeIncomplete()
    {
        var start = 0;
        while (start < buffer.Count && buffer[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        var have = buffer.Count - start;
        if (have == 0)
        {
            return null;
        }

        if (buffer[start] != (byte)'$')
        {
            var shown = Encoding.Latin1.GetString(buffer.GetRange(start, Math.Min(have, 40)).ToArray()).ReplaceLineEndings("..");
            return string.Create(CultureInfo.InvariantCulture, $"{have} bytes of an incomplete message (\"{shown}\")");
        }

        if (have < 4)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{have} of the 4 header bytes of an interleaved frame");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian([buffer[start + 2], buffer[start + 3]]);
        return string.Create(CultureInfo.InvariantCulture, $"{have - 4} of the {length} bytes of an interleaved frame on channel {buffer[start + 1]}");
    }

    /// <summary>Index just past the blank line ending the headers (CRLF CRLF, or bare LF LF), or -1.</summary>
    private int FindHeaderEnd(int start)
    {
        for (var i = start; i < buffer.Count; i++)
        {
            if (buffer[i] != (byte)'\n')
            {
                continue;
            }

            if (i + 1 < buffer.Count && buffer[i + 1] == (byte)'\n')
            {
                return i + 2;
            }

            if (i + 2 < buffer.Count && buffer[i + 1] == (byte)'\r' && buffer[i + 2] == (byte)'\n')
            {
                return i + 3;
            }
        }

        return -1;
    }

    /// <summary>The body length the headers announce (0 without Content-Length), or why the stream cannot go on.</summary>
    private static (int Length, string? Fault) ContentLength(string headers)
    {
        foreach (var line in headers.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                var text = line[(colon + 1)..].Trim();
                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return (0, $"Content-Length '{(text.Length > 30 ? text[..30] + "…" : text)}' is not a number");
                }

                // Nothing is buffered for a body over the limit: a 2 GiB claim must not become a 2 GiB wait or allocation.
                return n > MaxBodyBytes
                    ? (0, string.Create(CultureInfo.InvariantCulture, $"Content-Length {n} exceeds the {MaxBodyBytes / (1024 * 1024)} MiB limit"))
                    : ((int)n, null);
            }
        }

        return (0, null);
    }
}

/// <summary>Either an interleaved frame (<see cref="Channel"/> and <see cref="Payload"/>) or an RTSP message's exact bytes.</summary>
public sealed record SplitItem(byte? Channel, byte[]? Payload, byte[]? Message);
