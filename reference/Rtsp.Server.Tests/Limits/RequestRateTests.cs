using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Limits;

/// <summary>--max-requests-per-second: requests over the rate are answered 503 with Retry-After, the connection stays
/// usable, the budget comes back with time, and other connections are not affected.</summary>
[Category("Integration")]
public class RequestRateTests
{
    [Test]
    public async Task Requests_over_the_rate_get_503_with_Retry_After_and_the_budget_refills()
    {
        await using var server = await ServerProcess.StartAsync("--max-requests-per-second", "5");
        await using var flooder = await RtspTestClient.ConnectAsync(server.BaseUrl);
        await using var neighbour = await RtspTestClient.ConnectAsync(server.BaseUrl);

        // 20 pipelined requests in one write: the bucket holds 5.
        var burst = new StringBuilder();
        for (int cseq = 1; cseq <= 20; cseq++)
            burst.Append(CultureInfo.InvariantCulture, $"OPTIONS {server.BaseUrl} RTSP/1.0\r\nCSeq: {cseq}\r\n\r\n");
        await flooder.WriteAsync(Encoding.ASCII.GetBytes(burst.ToString()));
        var responses = new List<RtspResponse>();
        for (int i = 0; i < 20; i++)
            responses.Add(await flooder.NextResponseAsync());

        responses.Select(r => r.Headers.Get("CSeq")).Should().Equal(Enumerable.Range(1, 20).Select(n => n.ToString(CultureInfo.InvariantCulture)), "every request is answered, in order");
        responses.Take(5).Should().OnlyContain(r => r.StatusCode == 200, "the first 5 are within the budget");
        var refused = responses.Where(r => r.StatusCode == 503).ToList();
        refused.Count.Should().BeGreaterThanOrEqualTo(10, "at 5 a second only a few tokens can come back while 20 requests are answered");
        responses.Should().OnlyContain(r => r.StatusCode == 200 || r.StatusCode == 503);
        refused.Should().OnlyContain(r => int.Parse(r.Headers.Get("Retry-After") ?? "0", CultureInfo.InvariantCulture) >= 1, "503 says when to retry");

        (await neighbour.SendAsync(RtspMethods.Options, server.BaseUrl)).StatusCode.Should().Be(200, "the rate is per connection");
        (await RtpReceiver.WaitForAsync(() => server.StandardError.Contains("limit --max-requests-per-second 5 reached", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("a log line names the limit: " + server.StandardError);
        server.StandardError.Should().MatchRegex(@"127\.0\.0\.1:\d+: limit --max-requests-per-second 5 reached: OPTIONS answered 503, Retry-After \d+ s \(and every request over the rate until it slows down\); raise --max-requests-per-second");
        Regex.Count(server.StandardError, "limit --max-requests-per-second").Should().Be(1, "one line for the whole flood, not one per refused request");

        await Task.Delay(1200);
        flooder.ServerClosed.Should().BeFalse("a rate refusal does not close the connection");
        (await flooder.SendAsync(RtspMethods.Options, server.BaseUrl, ("CSeq", "21"))).StatusCode.Should().Be(200, "the budget refills with time");
    }
}
