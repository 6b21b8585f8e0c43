using System.Text;
using Rtsp.Client.Tests.TestSupport;
using Rtsp.Client.Transport;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Client.Tests.Integration;

/// <summary>
/// <c>--transport auto</c> against scripted peers on loopback: a server that refuses UDP (461), and one that accepts
/// UDP but never sends on it (as behind a firewall). Both must end up playing over TCP interleaved.
/// </summary>
[Category("Integration")]
public class TransportFallbackTests
{
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=scripted\r\nt=0 0\r\na=range:npt=0-10\r\nm=video 0 RTP/AVP 26\r\na=control:track1\r\n";

    private static RtspResponse Answer(RtspRequest request, bool refuseUdp)
    {
        var response = new RtspResponse(200);
        switch (request.Method)
        {
            case RtspMethods.Options:
                response.Headers.Set("Public", "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN");
                break;
            case RtspMethods.Describe:
                response.Headers.Set("Content-Type", "application/sdp");
                response.Headers.Set("Content-Base", request.Uri + "/");
                response.Body = Encoding.ASCII.GetBytes(Sdp);
                break;
            case RtspMethods.Setup:
                var transport = request.Headers.Get("Transport")!;
                if (!transport.Contains("/TCP", StringComparison.Ordinal))
                {
                    if (refuseUdp)
                    {
                        return new RtspResponse(461);
                    }

                    response.Headers.Set("Transport", transport + ";server_port=9-10");
                }
                else
                {
                    response.Headers.Set("Transport", transport);
                }

                response.Headers.Set("Session", "scripted1");
                break;
            default:
                response.Headers.Set("Session", "scripted1");
                break;
        }

        return response;
    }

    // After PLAY over TCP, the peer sends a few frames on channel 0, as the SETUP answer agreed.
    private static async Task SendFramesWhenPlayingOverTcpAsync(ScriptedRtspServer server, CancellationToken cancellationToken)
    {
        while (!server.Requests.SkipWhile(r => !(r.Method == RtspMethods.Setup && r.Headers.Get("Transport")!.Contains("/TCP", StringComparison.Ordinal)))
                   .Any(r => r.Method == RtspMethods.Play))
        {
            await Task.Delay(20, cancellationToken);
        }

        ushort sequence = 1;
        for (var frame = 0; frame < 10; frame++)
        {
            foreach (var packet in TestJpeg.Packets(TestJpeg.Frame(frame), sequence, (uint)(frame * 3600)))
            {
                await server.SendInterleavedAsync(0, packet.ToArray());
                sequence++;
            }
        }
    }

    [Test]
    public async Task Udp_refused_with_461_falls_back_to_tcp_at_setup()
    {
        await using var server = new ScriptedRtspServer(r => Answer(r, refuseUdp: true));
        await using var session = new RtspClientSession(server.Url, new RtspClientOptions { Transport = RtpTransportMode.Auto });
        var playback = new PlaybackRecorder(session);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var sender = SendFramesWhenPlayingOverTcpAsync(server, stop.Token);

        await session.ConnectAsync();
        session.ActiveTransport.Should().Be(RtpTransportMode.Tcp);
        await session.PlayAsync();
        await sender;
        await playback.WaitForFramesAsync(10, TimeSpan.FromSeconds(10));

        server.Requests.Where(r => r.Method == RtspMethods.Setup).Select(r => r.Headers.Get("Transport"))
            .Should().SatisfyRespectively(
                udp => udp.Should().StartWith("RTP/AVP;unicast;client_port="),
                tcp => tcp.Should().Be("RTP/AVP/TCP;unicast;interleaved=0-1"));
    }

    [Test]
    public async Task No_udp_packet_after_play_sets_the_session_up_again_over_tcp()
    {
        await using var server = new ScriptedRtspServer(r => Answer(r, refuseUdp: false));
        await using var session = new RtspClientSession(server.Url, new RtspClientOptions { Transport = RtpTransportMode.Auto, UdpFallbackTimeout = TimeSpan.FromSeconds(1) });
        var playback = new PlaybackRecorder(session);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var sender = SendFramesWhenPlayingOverTcpAsync(server, stop.Token);

        await session.ConnectAsync();
        session.ActiveTransport.Should().Be(RtpTransportMode.Udp);
        await session.PlayAsync();
        await sender;
        await playback.WaitForFramesAsync(10, TimeSpan.FromSeconds(10));

        session.ActiveTransport.Should().Be(RtpTransportMode.Tcp);
        server.Requests.Select(r => r.Method).Should().ContainInOrder(
            RtspMethods.Setup, RtspMethods.Play, RtspMethods.Teardown, RtspMethods.Setup, RtspMethods.Play);
        playback.Frames.Should().HaveCount(10).And.OnlyContain(f => f.Width == 64 && f.Height == 48);
    }
}
