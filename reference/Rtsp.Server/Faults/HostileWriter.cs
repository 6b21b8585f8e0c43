using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Rtsp.Server.Faults;

/// <summary>
/// Writes what a connection sends the way its hostile behaviour says (<see cref="HostileCatalog"/>): responses with a
/// garbage status line, endless headers, a 2 GiB Content-Length or one byte a second, and the truncated interleaved
/// frame. The endless ones are bounded by <see cref="HostileCatalog.MaxSeconds"/> and <see cref="HostileCatalog.MaxBytes"/>,
/// and stop as soon as a send fails (the client closed) or <c>abort</c> fires (the connection is closing).
/// </summary>
public sealed class HostileWriter(HostileKind kind)
{
    private const int FillerLineLength = 60;
    private bool _truncatedSent;

    public HostileKind Kind { get; } = kind;

    /// <summary>Sends <paramref name="bytes"/> (a response, or an interleaved frame when <paramref name="isData"/>);
    /// false when the connection must end now.</summary>
    public async Task<bool> WriteAsync(Socket socket, byte[] bytes, bool isData, CancellationToken abort)
    {
        if (isData)
        {
            return await WriteDataAsync(socket, bytes, abort).ConfigureAwait(false);
        }

        switch (Kind)
        {
            case HostileKind.GarbageStatusLine:
                await socket.SendAsync(WithGarbageStatusLine(bytes), SocketFlags.None, abort).ConfigureAwait(false);
                return true;
            case HostileKind.EndlessHeaders:
                await socket.SendAsync(bytes.AsMemory(0, HeaderEnd(bytes) - 2), SocketFlags.None, abort).ConfigureAwait(false);
                await SendEndlessAsync(socket, n => $"X-Endless-{n}: {new string('x', FillerLineLength)}\r\n", abort).ConfigureAwait(false);
                return false;
            case HostileKind.HugeContentLength:
                await socket.SendAsync(WithHugeContentLength(bytes), SocketFlags.None, abort).ConfigureAwait(false);
                await SendEndlessAsync(socket, _ => new string('x', FillerLineLength), abort).ConfigureAwait(false);
                return false;
            case HostileKind.SlowDrip:
                await DripAsync(socket, bytes, abort).ConfigureAwait(false);
                return true;
            default:
                await socket.SendAsync(bytes, SocketFlags.None, abort).ConfigureAwait(false);
                return true;
        }
    }

    private async Task<bool> WriteDataAsync(Socket socket, byte[] frame, CancellationToken abort)
    {
        if (Kind != HostileKind.TruncatedInterleaved || _truncatedSent)
        {
            await socket.SendAsync(frame, SocketFlags.None, abort).ConfigureAwait(false);
            return true;
        }

        // RFC 2326 10.12: '$', channel, 16-bit length, data. Announce the largest length, send a few bytes, hang up.
        _truncatedSent = true;
        var truncated = new byte[4 + HostileCatalog.TruncatedFrameSent];
        frame.AsSpan(0, Math.Min(frame.Length, truncated.Length)).CopyTo(truncated);
        BinaryPrimitives.WriteUInt16BigEndian(truncated.AsSpan(2), HostileCatalog.TruncatedFrameLength);
        await socket.SendAsync(truncated, SocketFlags.None, abort).ConfigureAwait(false);
        return false;
    }

    private static byte[] WithGarbageStatusLine(byte[] response)
    {
        var firstLineEnd = response.AsSpan().IndexOf("\r\n"u8);
        return [.. Encoding.ASCII.GetBytes(HostileCatalog.GarbageLine), .. response.AsSpan(firstLineEnd)];
    }

    private static byte[] WithHugeContentLength(byte[] response)
    {
        var headerEnd = HeaderEnd(response);
        var headers = Encoding.Latin1.GetString(response, 0, headerEnd - 4).Split("\r\n")
            .Where(line => !line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Append(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {HostileCatalog.HugeContentLength}"));
        return [.. Encoding.Latin1.GetBytes(string.Join("\r\n", headers) + "\r\n\r\n"), .. response.AsSpan(headerEnd)];
    }

    /// <summary>Index just past the CRLF CRLF that ends the headers (responses come from RtspResponse.ToBytes: CRLF only).</summary>
    private static int HeaderEnd(byte[] response) => response.AsSpan().IndexOf("\r\n\r\n"u8) + 4;

    private static async Task SendEndlessAsync(Socket socket, Func<long, string> piece, CancellationToken abort)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(abort);
        bound.CancelAfter(TimeSpan.FromSeconds(HostileCatalog.MaxSeconds));
        long sent = 0;
        for (long n = 1; sent < HostileCatalog.MaxBytes; n++)
        {
            var chunk = new StringBuilder();
            for (var i = 0; i < 256; i++)
            {
                chunk.Append(piece(n * 256 + i));
            }

            sent += await socket.SendAsync(Encoding.ASCII.GetBytes(chunk.ToString()), SocketFlags.None, bound.Token).ConfigureAwait(false);
        }
    }

    private static async Task DripAsync(Socket socket, byte[] bytes, CancellationToken abort)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(abort);
        bound.CancelAfter(TimeSpan.FromSeconds(HostileCatalog.MaxSeconds));
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), bound.Token).ConfigureAwait(false);
            }

            await socket.SendAsync(bytes.AsMemory(i, 1), SocketFlags.None, bound.Token).ConfigureAwait(false);
        }
    }
}
