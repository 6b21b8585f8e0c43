using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Rtsp.Harness.Cli.Run;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Targets;
using Rtsp.Harness.Tests.Conformance;

namespace Rtsp.Harness.Tests.Runner;

/// <summary>
/// The preflight OPTIONS + DESCRIBE against real sockets: a target that cannot be judged is a usage error (exit 2)
/// naming what was answered and what to try; a target that asks for credentials is described with them, Digest or
/// Basic, whichever it offers.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class PreflightTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=range:npt=0-6.4\r\nm=video 0 RTP/AVP 26\r\na=rtpmap:26 JPEG/90000\r\na=x-dimensions:320,240\r\na=control:track0\r\n";

    private static string Preflight(string url, Credentials? credentials = null)
    {
        var act = () => TargetProbe.Preflight(TargetInfo.Parse(url, credentials: credentials), Timeout);
        return act.Should().Throw<TargetUnreachableException>().Which.Message;
    }

    [Test]
    public void A_refused_connection_says_to_check_the_server_host_and_port()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        Preflight($"rtsp://127.0.0.1:{port}/x").Should().Be(
            $"cannot connect to 127.0.0.1:{port}: Connection refused: is the server running, and are the host and port right (RTSP's default port is 554)?");
    }

    [Test]
    public void A_port_that_answers_garbage_is_not_taken_for_an_rtsp_server()
    {
        using var http = new ScriptedRtspServer(_ => "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");

        Preflight(http.Url("stream")).Should().StartWith($"OPTIONS {http.Url("stream")} was answered with something that is not RTSP (")
            .And.Contain("it begins \"HTTP/1.1 400 Bad Request\"").And.EndWith($"is 127.0.0.1:{http.Port} an RTSP server (not HTTP, not a camera's web port)?");
    }

    [Test]
    public void A_silent_port_is_named_after_the_timeout()
    {
        using var silent = new ScriptedRtspServer(_ => string.Empty);

        Preflight(silent.Url("x")).Should().StartWith($"OPTIONS {silent.Url("x")} got no RTSP answer (no response within 3 s)");
    }

    [Test]
    public void The_reference_servers_garbage_status_line_is_a_usage_error()
    {
        using var server = ReferenceServer.Start(HarnessRuns.Root, [], ["--hostile", "garbage-status-line"]);

        Preflight(new Uri(server.BaseUrl, ReferenceServer.SamplePath).ToString())
            .Should().Contain("was answered with something that is not RTSP").And.Contain("@@@ garbage instead of a status line @@@");
    }

    [Test]
    public void A_wrong_path_says_the_host_and_port_are_right_and_the_command_exits_2()
    {
        using var server = ReferenceServer.Start(HarnessRuns.Root, [], []);
        var url = new Uri(server.BaseUrl, "no/such.mjpeg").ToString();

        Preflight(url).Should().Be($"DESCRIBE {url} answered \"RTSP/1.0 404 Not Found\": is the path right? The server's OPTIONS worked, so the host and port are.");

        var stderr = new StringWriter();
        var saved = Console.Error;
        Console.SetError(stderr);
        int exit;
        try
        {
            exit = RunAction.Execute(new RunArguments(url, null, ["play-basic"], [], "udp", Path.Combine(Path.GetTempPath(), "preflight-reports"),
                CaptureMode.Socket, null, 3, []));
        }
        finally
        {
            Console.SetError(saved);
        }

        exit.Should().Be(2, "a wrong path is a usage error, not the server's MUST failures");
        stderr.ToString().Should().Be($"rtsp-harness: DESCRIBE {url} answered \"RTSP/1.0 404 Not Found\": is the path right? The server's OPTIONS worked, so the host and port are.{Environment.NewLine}");
    }

    [Test]
    public void A_401_asks_for_credentials_and_wrong_ones_are_named_by_user()
    {
        using var server = ReferenceServer.Start(HarnessRuns.Root, [], ["--user", "u", "--password", "p@ss"]);
        var url = new Uri(server.BaseUrl, ReferenceServer.SamplePath).ToString();

        Preflight(url).Should().Be(
            $"DESCRIBE {url} answered \"RTSP/1.0 401 Unauthorized\" (Digest realm=\"rtsp-ref\"; Basic realm=\"rtsp-ref\"): the target wants credentials: pass --user and --password (or rtsp://user:password@host/path).");
        Preflight(url, new Credentials("u", "wrong")).Should().EndWith("to the credentials of user 'u': check --user and --password.");

        var described = TargetProbe.Preflight(TargetInfo.Parse(url.Replace("rtsp://", "rtsp://u:p%40ss@", StringComparison.Ordinal)), Timeout);
        described.Kind.Should().Be(PresentationKind.Stored);
        described.Length.Should().Be(10);
        described.AsksForCredentials.Should().BeTrue();
    }

    [Test]
    public void A_camera_offering_only_basic_gets_basic_and_is_described()
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:12345"));
        using var camera = new ScriptedRtspServer(request =>
        {
            var cseq = ScriptedRtspServer.Header(request, "CSeq");
            if (ScriptedRtspServer.Header(request, "Authorization") != expected)
            {
                return $"RTSP/1.0 401 Unauthorized\r\nCSeq: {cseq}\r\nWWW-Authenticate: Basic realm=\"cam\"\r\n\r\n";
            }

            return request.StartsWith("DESCRIBE", StringComparison.Ordinal)
                ? $"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nContent-Type: application/sdp\r\nContent-Length: {Sdp.Length}\r\n\r\n{Sdp}"
                : $"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n";
        });

        var presentation = TargetProbe.Preflight(TargetInfo.Parse(camera.Url("h264"), credentials: new Credentials("admin", "12345")), Timeout);

        presentation.Kind.Should().Be(PresentationKind.Stored);
        presentation.Length.Should().Be(6.4);
        presentation.Size.Should().Be("320x240");
        presentation.FrameRate.Should().BeNull();
        presentation.ToString().Should().Be("stored media (a=range:npt=0-6.4); 6.4 s, no a=framerate (rate measured from RTP timestamps), JPEG/90000, 320x240");
        presentation.AsksForCredentials.Should().BeTrue();
        camera.Requests.Select(r => r.Split(' ')[0] + " " + (ScriptedRtspServer.Header(r, "Authorization") is null ? "without" : "with"))
            .Should().Equal("OPTIONS without", "OPTIONS with", "DESCRIBE with");
        camera.Requests.Should().OnlyContain(r => !r.Contains("admin:12345", StringComparison.Ordinal) && !r.Contains("@", StringComparison.Ordinal),
            "the userinfo never enters a request URI");
    }
}
