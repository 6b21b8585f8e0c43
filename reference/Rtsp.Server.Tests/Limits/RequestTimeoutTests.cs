using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Limits;

/// <summary>
/// --request-timeout (slowloris): a client that sends its request one byte a second is never idle, yet is cut off
/// once the request has taken longer than the timeout, while a session on another connection streams on with no
/// loss and other clients are answered at once.
/// </summary>
[Category("Integration")]
public class RequestTimeoutTests
{
    [Test]
    public async Task A_one_byte_a_second_client_is_cut_off_and_a_healthy_session_loses_nothing()
    {
        await using var server = await ServerProcess.StartAsync("--request-timeout", "2");
        await using var healthy = await Playback.SetUpAsync(server);
        (await healthy.PlayAsync()).StatusCode.Should().Be(200);
        (await healthy.Receiver.WaitForRtpAsync(20, TimeSpan.FromSeconds(10))).Should().BeTrue("the healthy session streams");

        using var slow = new TcpClient();
        await slow.ConnectAsync("127.0.0.1", server.Port);
        var stream = slow.GetStream();
        byte[] request = Encoding.ASCII.GetBytes($"OPTIONS {server.BaseUrl} RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: slowloris\r\n\r\n");
        var dripping = Stopwatch.StartNew();
        var answer = new StringBuilder();
        var reading = ReadUntilClosed(stream, answer);
        int sent = 0;
        TimeSpan neighbourRoundTrip = TimeSpan.Zero;
        while (sent < request.Length && !reading.IsCompleted && dripping.Elapsed < TimeSpan.FromSeconds(15))
        {
            try
            {
                await stream.WriteAsync(request.AsMemory(sent, 1));
            }
            catch (IOException)
            {
                break;
            }
            sent++;
            if (sent == 2)
            {
                // While the drip goes on, another client is answered at once.
                var roundTrip = Stopwatch.StartNew();
                await using var neighbour = await RtspTestClient.ConnectAsync(server.BaseUrl);
                (await neighbour.SendAsync(RtspMethods.Options, server.BaseUrl)).StatusCode.Should().Be(200);
                neighbourRoundTrip = roundTrip.Elapsed;
            }
            await Task.WhenAny(reading, Task.Delay(1000));
        }
        (await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(reading, "the server closes the slow connection");
        var cutOff = dripping.Elapsed;

        cutOff.Should().BeLessThan(TimeSpan.FromSeconds(2 + 3), "cut off within the 2 s request timeout (plus slack for a loaded machine)");
        cutOff.Should().BeGreaterThan(TimeSpan.FromSeconds(1.5), "not before the timeout");
        sent.Should().BeLessThan(request.Length, "the request never completed");
        answer.ToString().Should().StartWith("RTSP/1.0 408", "the close is explained");
        neighbourRoundTrip.Should().BeLessThan(TimeSpan.FromSeconds(2), "the slow client does not hold up others");
        (await RtpReceiver.WaitForAsync(() => server.StandardError.Contains("limit --request-timeout 2 s reached", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("one log line names the limit: " + server.StandardError);
        server.StandardError.Should().MatchRegex(@"127\.0\.0\.1:\d+: limit --request-timeout 2 s reached: request still incomplete: 408 and close; raise --request-timeout");

        await Task.Delay(500);
        var packets = healthy.Packets();
        packets.Count.Should().BeGreaterThan(50, "about 3 s of video at 25 fps");
        var gaps = packets.Zip(packets.Skip(1), (a, b) => (ushort)(b.Seq - a.Seq)).Count(step => step != 1);
        gaps.Should().Be(0, "the healthy session lost no packet and got none out of order");
        healthy.Client.ServerClosed.Should().BeFalse();
    }

    private static async Task ReadUntilClosed(NetworkStream stream, StringBuilder into)
    {
        var buffer = new byte[4096];
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                into.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
        }
    }
}
