using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>Ways of writing one request that the robustness tests need: cut in two, byte by byte, or hostile bytes
/// whose reply may be a refusal or a hang-up. The client connects with NoDelay, so each write is its own segment.</summary>
public static class SegmentedWrites
{
    /// <summary>Writes the bytes, tolerating a server that already hung up (an answer to hostile input may be a close).</summary>
    public static async Task<bool> TryWriteAsync(this RtspTestClient client, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            await client.WriteAsync(bytes.ToArray());
            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }

    public static Task<bool> TryWriteAsync(this RtspTestClient client, string text) => client.TryWriteAsync(Encoding.Latin1.GetBytes(text));

    /// <summary>Sends <paramref name="bytes"/> in two segments cut before byte <paramref name="at"/>, <paramref name="pause"/> apart.</summary>
    public static async Task WriteSplitAsync(this RtspTestClient client, byte[] bytes, int at, TimeSpan pause)
    {
        await client.WriteAsync(bytes[..at]);
        await Task.Delay(pause);
        await client.WriteAsync(bytes[at..]);
    }

    /// <summary>Sends every byte as its own segment.</summary>
    public static async Task WriteBytewiseAsync(this RtspTestClient client, byte[] bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            await client.WriteAsync(bytes[i..(i + 1)]);
            if (i % 8 == 7)
                await Task.Yield();
        }
    }

    /// <summary>What the server did within <paramref name="within"/>: answered, hung up (Response null, Closed true), or neither (a hang).</summary>
    public static async Task<(RtspResponse? Response, bool Closed, TimeSpan Elapsed)> ResponseOrCloseAsync(this RtspTestClient client, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await client.NextResponseAsync().WaitAsync(within);
            return (response, client.ServerClosed, watch.Elapsed);
        }
        catch (IOException)
        {
            return (null, true, watch.Elapsed);
        }
        catch (TimeoutException)
        {
            return (null, client.ServerClosed, watch.Elapsed);
        }
    }
}
