using System.Globalization;
using System.Text;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Limits;

/// <summary>--max-tcp-queue bounds responses too: a client that pipelines requests and never reads the answers is
/// dropped instead of growing the server's memory, and other clients are still served.</summary>
[Category("Integration")]
public class ResponseQueueTests
{
    [Test]
    public async Task A_client_that_sends_requests_and_reads_no_answers_is_dropped()
    {
        await using var server = await ServerProcess.StartAsync("--max-tcp-queue", "16", "--max-requests-per-second", "100000");
        await using var stalled = await RtspTestClient.ConnectSmallBufferAsync(server.BaseUrl);
        stalled.StopReading();

        // DESCRIBE answers are ~600 bytes: 200 batches of 50 is ~6 MB of answers, far more than the socket buffers hold.
        string url = server.Url("sample.mjpeg");
        var batch = new StringBuilder();
        for (int i = 0; i < 50; i++)
            batch.Append(CultureInfo.InvariantCulture, $"DESCRIBE {url} RTSP/1.0\r\nCSeq: {i + 1}\r\n\r\n");
        byte[] bytes = Encoding.ASCII.GetBytes(batch.ToString());
        for (int i = 0; i < 200 && !server.StandardError.Contains("not reading", StringComparison.Ordinal); i++)
        {
            try
            {
                await stalled.WriteAsync(bytes);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                break;
            }
        }

        (await RtpReceiver.WaitForAsync(() => server.StandardError.Contains("TCP client not reading", StringComparison.Ordinal), TimeSpan.FromSeconds(10)))
            .Should().BeTrue("the unread answers overflow the 16 KiB queue: " + server.StandardError);
        server.StandardError.Should().Contain("(--max-tcp-queue to change)");
        await using var other = await RtspTestClient.ConnectAsync(server.BaseUrl);
        (await other.DescribeAsync(url)).StatusCode.Should().Be(200, "the server goes on serving others");
    }
}
