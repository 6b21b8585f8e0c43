using System.Text;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Limits;

/// <summary>--max-header-bytes, --max-headers and --max-body-bytes: a request over any is answered (400 / 413) and its
/// connection closed, with a log line naming the option; requests within them work.</summary>
[Category("Integration")]
public class RequestSizeTests
{
    private ServerProcess _server = null!;

    [OneTimeSetUp]
    public async Task Start() => _server = await ServerProcess.StartAsync("--max-header-bytes", "1024", "--max-headers", "10", "--max-body-bytes", "100");

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Headers_within_the_limit_work_and_beyond_it_get_400_and_a_close()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        (await client.SendAsync(RtspMethods.Options, _server.BaseUrl, ("X-Padding", new string('a', 800)))).StatusCode.Should().Be(200);

        var response = await client.SendAsync(RtspMethods.Options, _server.BaseUrl, ("X-Padding", new string('a', 600)), ("X-More", new string('b', 600)));
        response.StatusCode.Should().Be(400);
        (await RtpReceiver.WaitForAsync(() => client.ServerClosed, TimeSpan.FromSeconds(5))).Should().BeTrue("the stream cannot be trusted after an oversize request");
        (await RtpReceiver.WaitForAsync(() => _server.StandardError.Contains("limit --max-header-bytes 1024 bytes reached", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("one log line names the limit: " + _server.StandardError);
        _server.StandardError.Should().MatchRegex(@"127\.0\.0\.1:\d+: limit --max-header-bytes 1024 bytes reached: HeadersTooLarge: 400 and close; raise --max-header-bytes");
    }

    [Test]
    public async Task Header_fields_within_the_count_work_and_one_more_gets_400_and_a_close()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        // CSeq plus nine: ten fields.
        var nine = Enumerable.Range(1, 9).Select(i => ($"X-Field-{i}", "v")).ToArray();
        (await client.SendAsync(RtspMethods.Options, _server.BaseUrl, nine)).StatusCode.Should().Be(200);

        var response = await client.SendAsync(RtspMethods.Options, _server.BaseUrl, [.. nine, ("X-Field-10", "v")]);
        response.StatusCode.Should().Be(400);
        response.ReasonPhrase.Should().Be("Request Header Fields Too Large");
        (await RtpReceiver.WaitForAsync(() => client.ServerClosed, TimeSpan.FromSeconds(5))).Should().BeTrue();
        (await RtpReceiver.WaitForAsync(() => _server.StandardError.Contains("limit --max-headers 10 fields reached", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("one log line names the limit: " + _server.StandardError);
    }

    [Test]
    public async Task A_body_within_the_limit_works_and_beyond_it_gets_413_and_a_close()
    {
        await using var client = await RtspTestClient.ConnectAsync(_server.BaseUrl);
        // The admin query with its body padded to exactly the limit.
        string body = "sessions" + new string(' ', 90) + "\r\n";
        Encoding.UTF8.GetByteCount(body).Should().Be(100);
        (await client.SendAsync(RtspMethods.GetParameter, _server.BaseUrl, body)).StatusCode.Should().Be(200);

        var response = await client.SendAsync(RtspMethods.GetParameter, _server.BaseUrl, body + "x");
        response.StatusCode.Should().Be(413);
        (await RtpReceiver.WaitForAsync(() => client.ServerClosed, TimeSpan.FromSeconds(5))).Should().BeTrue();
        (await RtpReceiver.WaitForAsync(() => _server.StandardError.Contains("limit --max-body-bytes 100 bytes reached", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("one log line names the limit: " + _server.StandardError);
        _server.StandardError.Should().MatchRegex(@"127\.0\.0\.1:\d+: limit --max-body-bytes 100 bytes reached: BodyTooLarge: 413 and close; raise --max-body-bytes");
    }
}
