using System.Globalization;
using System.Text;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>RFC 2326 allows a client to send requests without waiting for answers; each is answered, in order.
/// Known failure elsewhere: a server that answers only the first of several requests in one segment.</summary>
public class PipeliningTests : RobustnessTest
{
    [Test]
    public async Task Three_hundred_requests_in_one_write_are_all_answered_in_order()
    {
        var requests = new StringBuilder();
        for (int cseq = 1; cseq <= 300; cseq++)
        {
            string method = (cseq % 3) switch { 0 => "OPTIONS", 1 => "DESCRIBE", _ => "GET_PARAMETER" };
            requests.Append(CultureInfo.InvariantCulture, $"{method} {Sample} RTSP/1.0\r\nCSeq: {cseq}\r\n\r\n");
        }
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        await client.WriteAsync(Encoding.ASCII.GetBytes(requests.ToString()));
        var answers = new List<(int Status, string? CSeq)>();
        for (int i = 0; i < 300; i++)
        {
            var response = await client.NextResponseAsync();
            answers.Add((response.StatusCode, response.Headers.Get("CSeq")));
        }
        answers.Select(a => a.CSeq).Should().Equal(Enumerable.Range(1, 300).Select(n => n.ToString(CultureInfo.InvariantCulture)));
        answers.Should().OnlyContain(a => a.Status == 200);
    }

    [Test]
    public async Task Requests_before_garbage_in_the_same_write_are_answered_then_the_garbage_is_refused()
    {
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        await client.WriteAsync(Encoding.ASCII.GetBytes(
            $"OPTIONS {Sample} RTSP/1.0\r\nCSeq: 1\r\n\r\nOPTIONS {Sample} RTSP/1.0\r\nCSeq: 2\r\n\r\nthis is not a request\r\nCSeq: 3\r\n\r\n"));
        (await client.NextResponseAsync()).Headers.Get("CSeq").Should().Be("1");
        (await client.NextResponseAsync()).Headers.Get("CSeq").Should().Be("2");
        (await client.NextResponseAsync()).StatusCode.Should().Be(400);
    }
}
