using System.Net;
using System.Net.Sockets;
using System.Text;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Runner;

namespace Rtsp.Harness.Tests.Runner;

/// <summary>
/// rtsp.response on a real loopback connection: a server that answers an error and closes has answered (not a MUST
/// failure for the requests behind it); a server that closes after a success, or never answers, still fails.
/// </summary>
[Category("Integration")]
public sealed class MissingResponseJudgeTests
{
    [TestCase(400, Verdict.NotApplicable)]
    [TestCase(505, Verdict.NotApplicable)]
    [TestCase(200, Verdict.Fail)]
    public void A_connection_closed_after_an_answer_is_judged_by_that_answer(int status, Verdict expected)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = Task.Run(() =>
        {
            using var client = listener.AcceptTcpClient();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            stream.ReadTimeout = 5000;
            _ = stream.Read(buffer);
            stream.Write(Encoding.ASCII.GetBytes($"RTSP/1.0 {status} Whatever\r\nCSeq: 1\r\n\r\n"));
            client.Client.Shutdown(SocketShutdown.Both);
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var connection = RtspConnection.Open("127.0.0.1", port, TimeSpan.FromSeconds(5), new PacketRecorder(), _ => { });

        connection.Send(Encoding.ASCII.GetBytes("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n"));
        var first = connection.WaitResponse(TimeSpan.FromSeconds(5));
        first.Should().NotBeNull();
        server.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue();
        connection.Send(Encoding.ASCII.GetBytes("OPTIONS * RTSP/1.0\r\nCSeq: 2\r\n\r\n"));
        var second = connection.WaitResponse(TimeSpan.FromSeconds(2));

        second.Should().BeNull();
        var verdict = MissingResponseJudge.Judge("OPTIONS (line 2)", connection, first, TimeSpan.FromSeconds(2));
        verdict.Verdict.Should().Be(expected);
        verdict.Evidence.Should().Contain("closed");
        MissingResponseJudge.Judge("OPTIONS (line 2)", connection, null, TimeSpan.FromSeconds(2)).Verdict.Should().Be(Verdict.Fail);
    }
}
