using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rtsp.Harness.Tests.Runner;

/// <summary>
/// A TCP server on 127.0.0.1 that answers each request (read up to its blank line; no bodies) with whatever
/// <see cref="answer"/> returns for its text: for peers the reference server cannot be: a camera offering only Basic
/// authentication, a port that answers garbage, a camera without a=framerate. <see cref="afterAnswer"/> may then write
/// more to the connection (interleaved media after PLAY), holding the connection's lock for each write so nothing
/// splits a response. Every connection is closed on dispose.
/// </summary>
internal sealed class ScriptedRtspServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> clients = [];
    private readonly Func<string, string> answer;
    private readonly Action<string, Stream, object>? afterAnswer;
    private volatile bool stopped;

    /// <param name="afterAnswer">Called with the request, the connection and its write lock after each answer.</param>
    public ScriptedRtspServer(Func<string, string> answer, Action<string, Stream, object>? afterAnswer = null)
    {
        this.answer = answer;
        this.afterAnswer = afterAnswer;
        listener.Start();
        new Thread(AcceptLoop) { IsBackground = true, Name = "scripted-rtsp-accept" }.Start();
    }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public string Url(string path) => $"rtsp://127.0.0.1:{Port}/{path}";

    /// <summary>The request's header value, or null.</summary>
    public static string? Header(string request, string name) =>
        request.Split("\r\n").Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault();

    public void Dispose()
    {
        stopped = true;
        listener.Stop();
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private void AcceptLoop()
    {
        while (!stopped)
        {
            TcpClient client;
            try
            {
                client = listener.AcceptTcpClient();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            clients.Add(client);
            new Thread(() => Serve(client)) { IsBackground = true, Name = "scripted-rtsp-conn" }.Start();
        }
    }

    private void Serve(TcpClient client)
    {
        var pending = new StringBuilder();
        var buffer = new byte[8192];
        var writeLock = new object();
        try
        {
            var stream = client.GetStream();
            while (!stopped)
            {
                var n = stream.Read(buffer);
                if (n == 0)
                {
                    return;
                }

                pending.Append(Encoding.Latin1.GetString(buffer, 0, n));
                int end;
                while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                {
                    var request = pending.ToString(0, end);
                    pending.Remove(0, end + 4);
                    Requests.Enqueue(request);
                    lock (writeLock)
                    {
                        stream.Write(Encoding.Latin1.GetBytes(answer(request)));
                    }

                    afterAnswer?.Invoke(request, stream, writeLock);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server stopped.
        }
    }
}
