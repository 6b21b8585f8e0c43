using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// A request in another protocol version gets 505 (RFC 2326 7.1.1) that echoes its CSeq when it has one: the
/// version is judged once the headers are read, not at the request line, so the client can pair the refusal with
/// its request (RFC 2326 12.17). Then the connection closes (what follows may be framed differently).
/// </summary>
public class UnsupportedVersionTests : RobustnessTest
{
    [TestCase("OPTIONS * RTSP/2.0\r\nCSeq: 7\r\n\r\n", "7")]
    [TestCase("OPTIONS * RTSP/2.0\r\nCSeq: 007\r\n\r\n", "007")]
    [TestCase("DESCRIBE rtsp://127.0.0.1/sample.mjpeg RTSP/1.1\r\nAccept: application/sdp\r\nCSeq: 8\r\n\r\n", "8")]
    [TestCase("SET_PARAMETER * RTSP/2.0\r\nCSeq: 9\r\nContent-Length: 5\r\n\r\nhello", "9")]
    [TestCase("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", null)]
    [TestCase("OPTIONS * RTSP/2.0\r\nCSeq: x\r\n\r\n", null)]
    public async Task Another_version_gets_505_with_its_CSeq(string request, string? cseq)
    {
        await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        var response = await client.SendRawAsync(request);
        response.StatusCode.Should().Be(505);
        response.Headers.Get("CSeq").Should().Be(cseq);
        (await RtpReceiver.WaitForAsync(() => client.ServerClosed, TimeSpan.FromSeconds(5))).Should().BeTrue("the server hangs up after a version it does not speak");
    }
}
