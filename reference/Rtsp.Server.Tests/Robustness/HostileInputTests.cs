using System.Diagnostics;
using System.Text;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// Malformed and oversized requests get a 4xx or a close within 1 s — never a hang, never a 2xx — and the server
/// keeps serving. Status choices (RFC 2326 7.1.1 has no 431): 400 for malformed input and, with the reason phrase
/// "Request Header Fields Too Large" (RFC 6585's wording), for a header field, header count or header section over
/// its limit; 413 for a Content-Length over the body limit; 414 for a request line over its limit. CSeq is echoed
/// when it was read (and valid) before the error.
/// </summary>
public class HostileInputTests : RobustnessTest
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);

    public static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(string name, string request, int status, bool echoesCSeq = true) =>
            new TestCaseData(Encoding.Latin1.GetBytes(request), status, echoesCSeq).SetName("Hostile_input_gets_" + status + "_" + name);
        const string Start = "OPTIONS rtsp://127.0.0.1/sample.mjpeg/ RTSP/1.0\r\n";
        yield return Case("NUL_in_the_request_line", "OPTIONS\0 * RTSP/1.0\r\nCSeq: 1\r\n\r\n", 400, echoesCSeq: false);
        yield return Case("NUL_in_a_header_value", Start + "CSeq: 1\r\nUser-Agent: a\0b\r\n\r\n", 400);
        yield return Case("BEL_in_a_header_value", Start + "CSeq: 1\r\nUser-Agent: a\u0007b\r\n\r\n", 400);
        yield return Case("ESC_in_the_URI", "OPTIONS rtsp://127.0.0.1/\u001b[2J RTSP/1.0\r\nCSeq: 1\r\n\r\n", 400, echoesCSeq: false);
        yield return Case("DEL_in_a_header_name", Start + "CSeq: 1\r\nX\u007f: 1\r\n\r\n", 400);
        yield return Case("a_200_kB_header", Start + "CSeq: 1\r\nX-Big: " + new string('a', 200_000) + "\r\n\r\n", 400);
        yield return Case("5000_headers", Start + "CSeq: 1\r\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"X-H{i}: v\r\n")) + "\r\n", 400);
        yield return Case("a_negative_Content_Length", Start + "CSeq: 1\r\nContent-Length: -1\r\n\r\n", 400);
        yield return Case("a_huge_Content_Length", Start + "CSeq: 1\r\nContent-Length: 99999999999999999999\r\n\r\n", 413);
        yield return Case("a_non_numeric_Content_Length", Start + "CSeq: 1\r\nContent-Length: 1e3\r\n\r\n", 400);
        yield return Case("a_negative_CSeq", Start + "CSeq: -1\r\n\r\n", 400, echoesCSeq: false);
        yield return Case("a_huge_CSeq", Start + "CSeq: 99999999999999999999999\r\n\r\n", 400, echoesCSeq: false);
        yield return Case("a_non_numeric_CSeq", Start + "CSeq: abc\r\n\r\n", 400, echoesCSeq: false);
        yield return Case("an_empty_CSeq", Start + "CSeq:\r\n\r\n", 400, echoesCSeq: false);
        yield return Case("two_CSeq_headers", Start + "CSeq: 1\r\nCSeq: 2\r\n\r\n", 400, echoesCSeq: false);
        yield return Case("a_10_kB_URI", "DESCRIBE rtsp://127.0.0.1/" + new string('x', 10_000) + " RTSP/1.0\r\nCSeq: 1\r\n\r\n", 414, echoesCSeq: false);
        yield return Case("a_header_line_without_a_colon", Start + "CSeq: 1\r\nno colon here\r\n\r\n", 400);
        yield return Case("a_request_line_of_bytes_above_127", "\u00c0\u00ff\u0080 \u00fe \u00fd\r\nCSeq: 1\r\n\r\n", 400, echoesCSeq: false);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Hostile_input_gets_a_4xx_or_a_close(byte[] request, int status, bool echoesCSeq)
    {
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        await client.TryWriteAsync(request);
        var (response, closed, elapsed) = await client.ResponseOrCloseAsync(Within);
        (response is not null || closed).Should().BeTrue($"the server must answer or hang up within {Within.TotalSeconds} s (waited {elapsed.TotalMilliseconds:0} ms)");
        await TestContext.Out.WriteLineAsync($"answer: {(response is null ? "close" : $"{response.StatusCode} {response.ReasonPhrase}")} after {elapsed.TotalMilliseconds:0.0} ms");
        response.Should().NotBeNull("the reference server says why before it hangs up");
        response!.StatusCode.Should().Be(status);
        response.Headers.Get("CSeq").Should().Be(echoesCSeq ? "1" : null);
        await AssertServerAnswersAsync();
    }

    [Test]
    public async Task Oversized_headers_are_refused_as_Request_Header_Fields_Too_Large()
    {
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        await client.TryWriteAsync($"OPTIONS {Sample} RTSP/1.0\r\nCSeq: 1\r\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"X-H{i}: v\r\n")) + "\r\n");
        var response = await client.NextResponseAsync();
        response.ReasonPhrase.Should().Be(RtspParseException.HeaderFieldsTooLargeReason);
    }

    [Test]
    public async Task A_body_over_the_limit_is_refused_before_it_is_sent_and_never_buffered()
    {
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        const int Declared = 64 * 1024 * 1024;
        await client.WriteAsync(Encoding.ASCII.GetBytes($"SET_PARAMETER {Sample} RTSP/1.0\r\nCSeq: 1\r\nContent-Type: text/parameters\r\nContent-Length: {Declared}\r\n\r\n"));
        var watch = Stopwatch.StartNew();
        // Keep sending body bytes: the server must refuse on the header alone and stop reading, not take 64 MB in.
        var chunk = new byte[64 * 1024];
        long sent = 0;
        var sending = Task.Run(async () =>
        {
            while (sent < Declared && await client.TryWriteAsync(chunk))
                sent += chunk.Length;
        });
        var (response, closed, elapsed) = await client.ResponseOrCloseAsync(Within);
        (response is not null || closed).Should().BeTrue("refused within 1 s");
        response!.StatusCode.Should().Be(413);
        response.Headers.Get("CSeq").Should().Be("1");
        (await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(10)))).Should().Be(sending, "the server hangs up instead of reading the rest");
        await TestContext.Out.WriteLineAsync($"413 after {elapsed.TotalMilliseconds:0.0} ms; the client got {sent / 1024} KiB of the declared {Declared / 1024 / 1024} MiB out before the server closed");
        sent.Should().BeLessThan(Declared / 2, "the server closed long before the body could have been buffered");
        await AssertServerAnswersAsync();
    }

    [Test]
    public async Task Random_binary_garbage_gets_a_4xx_or_a_close()
    {
        var random = new Random(2326);
        for (int round = 0; round < 20; round++)
        {
            var garbage = new byte[random.Next(1, 4096)];
            random.NextBytes(garbage);
            garbage[^1] = (byte)'\n';
            // A leading '$' would start an interleaved frame (RFC 2326 10.12) whose payload the server rightly waits for.
            if (garbage[0] == (byte)'$')
                garbage[0] = (byte)'#';
            await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
            await client.TryWriteAsync(garbage.Concat("\r\n\r\n"u8.ToArray()).ToArray());
            var (response, closed, _) = await client.ResponseOrCloseAsync(Within);
            if (response is not null)
                response.StatusCode.Should().BeInRange(400, 499, $"round {round}");
            else
                closed.Should().BeTrue($"round {round}: neither an answer nor a close within 1 s");
        }
        await AssertServerAnswersAsync();
    }
}
