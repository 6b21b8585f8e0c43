using System.Net;
using System.Net.Sockets;
using System.Text;
using Rtsp.Client.Connection;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Client.Tests.Connection;

/// <summary>
/// The connection against a scripted peer on a real loopback socket: each test's peer answers one request in a
/// particular wrong (or right) way, and the client must say what the server did.
/// </summary>
[Category("Integration")]
public class RtspConnectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Accepts one connection, reads one request, writes what <paramref name="answer"/> returns for its CSeq
    /// (null = write nothing), then keeps the socket open until the test ends.</summary>
    private static async Task<T> WithPeerAsync<T>(Func<int, string?> answer, Func<RtspConnection, Task<T>> test)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var done = new CancellationTokenSource();
        var peer = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(done.Token);
            var stream = socket.GetStream();
            var parser = new RtspMessageParser();
            var buffer = new byte[4096];
            RtspMessage? request;
            while (!parser.TryReadMessage(out request))
            {
                var read = await stream.ReadAsync(buffer, done.Token);
                if (read == 0)
                {
                    return;
                }

                parser.Feed(buffer.AsSpan(0, read));
            }

            if (answer(request!.CSeq ?? -1) is { } text)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(text), done.Token);
            }

            await Task.Delay(System.Threading.Timeout.Infinite, done.Token);
        });

        await using var connection = await RtspConnection.ConnectAsync("127.0.0.1", port, Timeout, CancellationToken.None);
        try
        {
            return await test(connection);
        }
        finally
        {
            await done.CancelAsync();
            try
            {
                await peer;
            }
            catch (OperationCanceledException)
            {
                // the peer ends by cancellation
            }
        }
    }

    private static Task<RtspResponse> Options(RtspConnection connection, TimeSpan? timeout = null)
        => connection.SendAsync(new RtspRequest("OPTIONS", "rtsp://127.0.0.1/"), timeout ?? Timeout, CancellationToken.None);

    [Test]
    public async Task A_matching_answer_is_returned()
    {
        var response = await WithPeerAsync(cseq => $"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nPublic: OPTIONS, PLAY\r\n\r\n", c => Options(c));

        response.StatusCode.Should().Be(200);
        response.Headers.Get("Public").Should().Be("OPTIONS, PLAY");
    }

    [Test]
    public async Task A_different_cseq_is_reported_with_both_numbers()
    {
        var act = () => WithPeerAsync(cseq => $"RTSP/1.0 200 OK\r\nCSeq: {cseq + 1}\r\n\r\n", c => Options(c));

        (await act.Should().ThrowAsync<RtspServerBehaviourException>()).WithMessage("CSeq mismatch: sent 1, server answered 2 (to OPTIONS).");
    }

    [Test]
    public async Task An_answer_without_cseq_is_reported()
    {
        var act = () => WithPeerAsync(_ => "RTSP/1.0 200 OK\r\n\r\n", c => Options(c));

        (await act.Should().ThrowAsync<RtspServerBehaviourException>()).WithMessage("*without a CSeq header*");
    }

    [Test]
    public async Task No_answer_times_out_naming_the_request()
    {
        var act = () => WithPeerAsync(_ => null, c => Options(c, TimeSpan.FromMilliseconds(300)));

        (await act.Should().ThrowAsync<RtspTimeoutException>()).WithMessage("OPTIONS (CSeq 1) got no answer within 0.3 s.");
    }

    [Test]
    public async Task Bytes_that_are_not_rtsp_fail_the_waiting_request()
    {
        var act = () => WithPeerAsync(_ => "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", c => Options(c));

        (await act.Should().ThrowAsync<RtspServerBehaviourException>()).WithMessage("*not RTSP*");
    }

    [Test]
    public async Task Connecting_to_a_closed_port_says_so()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var act = () => RtspConnection.ConnectAsync("127.0.0.1", port, Timeout, CancellationToken.None);

        (await act.Should().ThrowAsync<RtspClientException>()).WithMessage($"Could not connect to 127.0.0.1:{port}*Is the server running?");
    }
}
