using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Rtsp.Harness.Tests.Robustness;

/// <summary>
/// A deliberately naive RTSP server on 127.0.0.1, used ONLY to prove that robust.* checks can fail where no reference-server
/// fault switch can model the flaw (the reference server cannot be told to parse per read or to obey destination=).
/// It treats each TCP read as one request, answers only the first request of a read and only reads that start with a
/// request line and end with CRLF CRLF, answers 200 to everything (any CSeq, any Transport, any Session id), never closes
/// an idle connection, sends a few UDP datagrams to a SETUP's destination on PLAY, and with <see cref="DieOnNul"/> stops
/// listening when a request holds a NUL byte. <see cref="MaxSessions"/> makes it answer 503 to everyone beyond a global cap.
/// </summary>
internal sealed partial class NaiveRtspServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> clients = [];
    private readonly Thread acceptor;
    private int sessions;
    private volatile bool stopped;

    public NaiveRtspServer(bool dieOnNul = false, int? maxSessions = null)
    {
        DieOnNul = dieOnNul;
        MaxSessions = maxSessions;
        listener.Start();
        acceptor = new Thread(AcceptLoop) { IsBackground = true, Name = "naive-rtsp-accept" };
        acceptor.Start();
    }

    public bool DieOnNul { get; }

    public int? MaxSessions { get; }

    public string Url => $"rtsp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/stream";

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
            new Thread(() => Serve(client)) { IsBackground = true, Name = "naive-rtsp-conn" }.Start();
        }
    }

    private void Serve(TcpClient client)
    {
        var buffer = new byte[256 * 1024];
        (string Host, int Port)? destination = null;
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

                var text = Encoding.Latin1.GetString(buffer, 0, n);
                if (DieOnNul && text.Contains('\0'))
                {
                    Stop();
                    return;
                }

                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                var line = RequestLine().Match(text);
                if (end < 0 || !line.Success)
                {
                    continue;
                }

                var request = text[..end];
                var method = line.Groups[1].Value;
                var cseq = Header(request, "CSeq");
                var response = new StringBuilder("RTSP/1.0 200 OK\r\n");
                if (cseq is not null)
                {
                    response.Append("CSeq: ").Append(cseq).Append("\r\n");
                }

                var body = string.Empty;
                switch (method)
                {
                    case "OPTIONS":
                        response.Append("Public: OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER\r\n");
                        break;
                    case "DESCRIBE":
                        body = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\na=control:track0\r\n";
                        response.Append("Content-Type: application/sdp\r\nContent-Base: ").Append(line.Groups[2].Value.TrimEnd('/')).Append("/\r\n");
                        break;
                    case "SETUP" when MaxSessions is { } cap && Interlocked.Increment(ref sessions) > cap:
                        response.Replace("200 OK", "503 Service Unavailable");
                        break;
                    case "SETUP":
                        var transport = Header(request, "Transport") ?? "RTP/AVP;unicast";
                        var port = Regex.Match(transport, "client_port=([0-9]{1,5})");
                        var to = Regex.Match(transport, "destination=([0-9.]+)");
                        destination = port.Success ? (to.Success ? to.Groups[1].Value : "127.0.0.1", int.Parse(port.Groups[1].Value, CultureInfo.InvariantCulture)) : null;
                        response.Append("Transport: ").Append(transport).Append(";server_port=6000-6001\r\nSession: 1234ABCD\r\n");
                        break;
                    case "PLAY":
                        response.Append("Session: 1234ABCD\r\n");
                        if (destination is { } d && d.Port is > 0 and < 65536)
                        {
                            using var udp = new UdpClient();
                            for (var i = 0; i < 3; i++)
                            {
                                udp.Send(new byte[20], 20, d.Host, d.Port);
                            }
                        }

                        break;
                    default:
                        response.Append("Session: 1234ABCD\r\n");
                        break;
                }

                response.Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n").Append(body);
                stream.Write(Encoding.Latin1.GetBytes(response.ToString()));
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private static string? Header(string request, string name) =>
        Regex.Match(request, $@"\r\n{name}:[ \t]*([^\r\n]*)", RegexOptions.IgnoreCase) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^([A-Z_]+) (\S+) RTSP/1\.0\r\n")]
    private static partial Regex RequestLine();

    private void Stop()
    {
        stopped = true;
        listener.Stop();
    }

    public void Dispose()
    {
        Stop();
        foreach (var client in clients)
        {
            client.Dispose();
        }

        acceptor.Join(TimeSpan.FromSeconds(2));
    }
}
