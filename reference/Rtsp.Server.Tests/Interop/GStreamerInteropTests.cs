using System.Text.RegularExpressions;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Interop;

/// <summary>
/// GStreamer's rtspsrc ! rtpjpegdepay ! jpegdec plays the sample to EOS. Frames are counted at the sink:
/// `fakesink silent=false` with `-v` prints one "last-message = chain" line per decoded buffer.
/// </summary>
[Category("Interop")]
[Parallelizable(ParallelScope.Children)]
public partial class GStreamerInteropTests
{
    [OneTimeSetUp]
    public void RequireGStreamer()
    {
        if (!ExternalProcess.IsInstalled("gst-launch-1.0"))
            Assert.Fail("gst-launch-1.0 is not installed: run scripts/install-deps.sh peers");
    }

    [TestCase("udp")]
    [TestCase("tcp")]
    public async Task Gstreamer_plays_the_sample_to_EOS_with_every_frame(string protocol)
    {
        var server = await SharedServer.GetAsync();
        var result = await ExternalProcess.RunAsync("gst-launch-1.0",
        [
            "-v", "rtspsrc", $"location={server.Url("sample.mjpeg")}", $"protocols={protocol}",
            "!", "rtpjpegdepay", "!", "jpegdec", "!", "fakesink", "silent=false",
        ], TimeSpan.FromSeconds(90));
        result.TimedOut.Should().BeFalse();
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain("Got EOS from element");
        Chains().Matches(result.StandardOutput).Count.Should().Be(250);
    }

    [GeneratedRegex("last-message = chain")]
    private static partial Regex Chains();
}
