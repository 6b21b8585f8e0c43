using System.Globalization;
using System.Net.Sockets;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Benchmarks;

/// <summary>One request and its response over a benchmark's RTSP connection (10 s timeout); the connection may
/// carry interleaved frames (RFC 2326 10.12).</summary>
internal static class RtspRequests
{
    public static async Task<RtspResponse> SendAsync(NetworkStream stream, InterleavedDemultiplexer parser, string method, string uri, int cseq, params (string, string)[] headers)
    {
        var request = new RtspRequest(method, uri);
        request.Headers.Add("CSeq", cseq.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        await stream.WriteAsync(request.ToBytes());
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            // Interleaved frames that come first are skipped; those after the response stay queued in the parser.
            while (parser.TryReadNext(out var item))
            {
                if (item is RtspItem { Message: RtspResponse response })
                    return response;
            }
            int read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
                throw new IOException("server closed the RTSP connection");
            parser.Feed(buffer.AsSpan(0, read));
        }
    }
}
