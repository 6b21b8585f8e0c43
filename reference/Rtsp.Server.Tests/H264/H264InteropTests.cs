using System.Text.RegularExpressions;
using Rtsp.Server.Tests.OpenCv;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.H264;

/// <summary>
/// Third-party receivers decode every frame of our H.264 stream: ffmpeg (its pictures compared by CRC with
/// ffmpeg decoding the file itself: the stream is passed through bit-exact) and GStreamer's rtph264depay !
/// avdec_h264 (to EOS, pictures counted at the sink), over UDP and TCP.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public sealed partial class H264InteropTests
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(90);
    private H264Clip? _clip;
    private ServerProcess? _server;
    private List<string> _fileChecksums = [];

    [OneTimeSetUp]
    public async Task MakeClipAndStartServer()
    {
        _clip = await H264Clip.MakeAsync();
        var local = await Ffmpeg.RunAsync(PeerTimeout, "-i", _clip.File, "-fps_mode", "passthrough", "-f", "framecrc", "-");
        _fileChecksums = Ffmpeg.FrameChecksums(local.StandardOutput);
        _server = await ServerProcess.StartAsync("--media", _clip.Directory, "--codec", "copy");
    }

    [OneTimeTearDown]
    public async Task StopServerAndDeleteClip()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        _clip?.Dispose();
    }

    [TestCase("udp")]
    [TestCase("tcp")]
    public async Task Ffmpeg_decodes_every_picture_exactly_as_from_the_file(string transport)
    {
        var run = await Ffmpeg.RunAsync(PeerTimeout, "-rtsp_transport", transport, "-i", _server!.Url(H264Clip.Name), "-fps_mode", "passthrough", "-f", "framecrc", "-");

        run.TimedOut.Should().BeFalse();
        run.StandardError.Should().BeEmpty("no decode error; server stderr:\n" + _server.StandardError);
        _fileChecksums.Should().HaveCount(H264Clip.Frames);
        Ffmpeg.FrameChecksums(run.StandardOutput).Should().Equal(_fileChecksums);
    }

    [Test]
    public async Task Ffmpeg_seeking_into_a_GOP_starts_with_the_keyframe_before_and_decodes_cleanly()
    {
        var run = await Ffmpeg.RunAsync(PeerTimeout, "-rtsp_transport", "tcp", "-ss", "2.5", "-i", _server!.Url(H264Clip.Name), "-fps_mode", "passthrough", "-f", "framecrc", "-");

        run.StandardError.Should().BeEmpty("the stream starts on a keyframe, so nothing refers to a picture never sent");
        var shown = Ffmpeg.FrameChecksums(run.StandardOutput).Select(crc => _fileChecksums.IndexOf(crc)).ToList();
        shown.Should().NotBeEmpty().And.NotContain(-1, "every picture is one of the file's").And.BeInAscendingOrder();
        shown[0].Should().Be(2 * H264Clip.KeyframeInterval, "the keyframe at 2 s, the one at or before 2.5 s");
        shown[^1].Should().Be(H264Clip.Frames - 1);
    }

    [TestCase("udp")]
    [TestCase("tcp")]
    public async Task Gstreamer_decodes_every_picture_to_EOS(string protocol)
    {
        if (!ExternalProcess.IsInstalled("gst-launch-1.0"))
            Assert.Fail("gst-launch-1.0 is not installed: run scripts/install-deps.sh peers");
        var result = await ExternalProcess.RunAsync("gst-launch-1.0",
        [
            "-v", "rtspsrc", $"location={_server!.Url(H264Clip.Name)}", $"protocols={protocol}",
            "!", "rtph264depay", "!", "avdec_h264", "!", "fakesink", "silent=false",
        ], PeerTimeout);

        result.TimedOut.Should().BeFalse();
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain("Got EOS from element");
        Chains().Matches(result.StandardOutput).Count.Should().Be(H264Clip.Frames);
    }

    [GeneratedRegex("fakesink0: last-message = chain")]
    private static partial Regex Chains();
}
