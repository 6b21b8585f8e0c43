using Rtsp.Browser.Tests.Infrastructure;
using Rtsp.Client.Tests.TestSupport;

namespace Rtsp.Client.Tests.Interop;

/// <summary>What <c>rtsp-ref play --record</c> writes is a file third-party tools read: ffprobe (Debian ffmpeg).</summary>
[Category("Interop")]
public class RecordingInteropTests
{
    [Test]
    public async Task Ffprobe_reads_250_mjpeg_frames_from_the_recording()
    {
        await using var server = await ReferenceServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("rtsp-client-record-");
        try
        {
            var output = Path.Combine(directory.FullName, "out.mjpeg");
            var run = await CommandRun.RtspRefAsync(TimeSpan.FromSeconds(40), "play", server.SampleUrl, "--transport", "tcp", "--record", output);
            run.ExitCode.Should().Be(0, run.StandardError);

            var probe = await CommandRun.RunAsync("ffprobe",
                ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", output],
                TimeSpan.FromSeconds(60));

            probe.ExitCode.Should().Be(0, probe.StandardError);
            probe.StandardOutput.Trim().Should().Be("mjpeg,640,480,250");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
