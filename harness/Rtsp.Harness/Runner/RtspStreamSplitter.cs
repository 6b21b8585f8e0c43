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
                Fault = $"no end of headers within {MaxHeaderBytes} bytes";
            }

            return null;
        }

        var headerText = Encoding.Latin1.GetString(buffer.GetRange(start, headerEnd - start).ToArray());
        var bodyLength = ContentLength(headerText);
        if (bodyLength < 0)
        {
            Fault = "a Content-Length that is not a number";
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

    private static int ContentLength(string headers)
    {
        foreach (var line in headers.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                return int.TryParse(line[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
            }
        }

        return 0;
    }
}

/// <summary>Either an interleaved frame (<see cref="Channel"/> and <see cref="Payload"/>) or an RTSP message's exact bytes.</summary>
public sealed record SplitItem(byte? Channel, byte[]? Payload, byte[]? Message);
