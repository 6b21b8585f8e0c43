using System.Buffers.Binary;
using FluentAssertions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Tests.Runner;

/// <summary>
/// A camera whose SDP has no a=framerate (common): the runner measures the rate from the RTP timestamps it receives and
/// scales relative frame bounds by it. A 10 fps camera passes a 70 % bound; one that stalls after a second fails it,
/// the evidence naming the measured rate.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class MeasuredFrameRateTests
{
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=range:npt=now-\r\nm=video 0 RTP/AVP 26\r\na=control:track0\r\n";

    private static readonly Scenario Scenario = new ScenarioLoader(HarnessRun.Catalogue.Select(c => c.Id).ToHashSet()).Load("""
        name: measured-rate
        description: a relative frame bound on a camera without a=framerate
        steps:
          - describe:
          - setup:
          - play:
          - expect_rtp: { window: 2s, frames_at_least: 70% }
          - teardown:
        """, "measured-rate.yaml");

    /// <param name="frames">How many frames the camera sends (10 fps) before it stalls.</param>
    private static CheckResult RunAgainstCamera(int frames)
    {
        using var cancel = new CancellationTokenSource();
        using var camera = new ScriptedRtspServer(Answer, (request, stream, writeLock) =>
        {
            if (request.StartsWith("PLAY", StringComparison.Ordinal))
            {
                new Thread(() => SendFrames(stream, writeLock, frames, cancel.Token)) { IsBackground = true, Name = "camera-rtp" }.Start();
            }
        });
        try
        {
            var execution = new ScenarioRunner(TimeSpan.FromSeconds(3)).Run(Scenario, "tcp", TargetInfo.Parse(camera.Url("cam")) with
            {
                Presentation = new TargetPresentation(PresentationKind.Live, "a=range:npt=now-"),
            });
            execution.StoppedReason.Should().BeNull();
            execution.FrameRate.Should().BeApproximately(10, 0.01, "the rate comes from the timestamps, not the scenario's fallback of 25");
            return execution.Results.Single(r => r.Check.Id == "scenario.media");
        }
        finally
        {
            cancel.Cancel();
        }
    }

    [Test]
    public void A_camera_sending_its_rate_passes_the_bound_of_its_measured_rate()
    {
        var result = RunAgainstCamera(frames: 50);

        result.Verdict.Should().Be(Verdict.Pass, result.Evidence);
        result.Evidence.Should().Contain("expected at least 14 = 70% of 10 fps × 2 s, rate measured from RTP timestamps");
    }

    [Test]
    public void A_camera_that_stalls_after_a_second_fails_it()
    {
        var result = RunAgainstCamera(frames: 10);

        result.Verdict.Should().Be(Verdict.Fail);
        result.Evidence.Should().Contain("fewer than 14").And.Contain("70% of 10 fps × 2 s, rate measured from RTP timestamps");
    }

    private static string Answer(string request)
    {
        var cseq = ScriptedRtspServer.Header(request, "CSeq");
        var method = request.Split(' ')[0];
        return method switch
        {
            "DESCRIBE" => $"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nContent-Type: application/sdp\r\nContent-Length: {Sdp.Length}\r\n\r\n{Sdp}",
            "SETUP" => $"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: CAFE01\r\n\r\n",
            _ => $"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nSession: CAFE01\r\n\r\n",
        };
    }

    /// <summary>10 fps, <paramref name="frames"/> frames (5 s at most): one interleaved RTP packet a frame, timestamps 9000 apart (90 kHz).</summary>
    private static void SendFrames(Stream stream, object writeLock, int frames, CancellationToken cancel)
    {
        var packet = new byte[4 + 12 + 8];
        packet[0] = (byte)'$';
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 12 + 8);
        for (var frame = 0; frame < Math.Min(frames, 50) && !cancel.IsCancellationRequested; frame++)
        {
            packet[4] = 0x80;
            packet[5] = 0x80 | 26;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), (ushort)frame);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), (uint)(1000 + (frame * 9000)));
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), 0xCAFE0001);
            try
            {
                lock (writeLock)
                {
                    stream.Write(packet);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                return;
            }

            cancel.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100));
        }
    }
}
