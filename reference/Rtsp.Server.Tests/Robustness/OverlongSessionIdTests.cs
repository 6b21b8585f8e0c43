using System.Text;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// A Session id no session of this server has — however long — is 454 Session Not Found (RFC 2326 12.37: "The
/// response 454 (Session Not Found) is returned if the session identifier is invalid"), the answer clients handle.
/// Before, an id too long for the header-line limit (8 KiB) got the generic 400 of an oversized header. A line that
/// long is not read to its end, so the server still hangs up after the 454; other oversized headers stay 400.
/// </summary>
public class OverlongSessionIdTests : RobustnessTest
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    [TestCase("PLAY", 300)]
    [TestCase("PLAY", 5_000)]
    [TestCase("PLAY", 10_000)]
    [TestCase("PAUSE", 10_000)]
    [TestCase("TEARDOWN", 10_000)]
    [TestCase("GET_PARAMETER", 100_000)]
    public async Task An_overlong_session_id_gets_454(string method, int length)
    {
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        await client.TryWriteAsync(Encoding.ASCII.GetBytes($"{method} {Sample} RTSP/1.0\r\nCSeq: 1\r\nSession: {new string('a', length)}\r\n\r\n"));
        var (response, closed, elapsed) = await client.ResponseOrCloseAsync(Within);
        response.Should().NotBeNull($"the server answers within {Within.TotalSeconds} s (closed: {closed}, after {elapsed.TotalMilliseconds:0} ms)");
        response!.StatusCode.Should().Be(454, $"a {length}-character id names no session");
        response.Headers.Get("CSeq").Should().Be("1");
        await AssertServerAnswersAsync();
    }
}
