using System.Text;
using Rtsp.Protocol.Sdp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.OpenCv;

/// <summary>
/// Video files made by ffmpeg in a temp dir, served by a real `rtsp-ref serve --media DIR` and played back by
/// ffmpeg: H.264 .mp4 (libx264, one keyframe for the whole clip so a seek cannot lean on keyframes), MJPEG .avi,
/// MPEG-4 part 2 .mkv, and a 4:4:4 optimized-Huffman .mjpeg that RFC 2435 cannot carry as it is. ffmpeg runs
/// with `-v error` over TCP (no loss on a loaded machine): anything on its stderr is a decode error; with
/// `-fps_mode passthrough` it writes every decoded frame (by default it may drop or repeat frames to fit a rate).
/// </summary>
[Category("Interop")]
[NonParallelizable]
public sealed class VideoFileInteropTests
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(90);
    private string _dir = "";
    private ServerProcess? _server;

    [OneTimeSetUp]
    public async Task MakeClipsAndStartServer()
    {
        _dir = Directory.CreateTempSubdirectory("rtsp-ref-video-").FullName;
        const string source = "testsrc=size=640x480:rate=25";
        await Make("clip.mp4", "-f", "lavfi", "-i", source, "-t", "10", "-c:v", "libx264", "-preset", "ultrafast", "-g", "1000", "-pix_fmt", "yuv420p");
        await Make("clip.avi", "-f", "lavfi", "-i", source, "-t", "4", "-c:v", "mjpeg", "-q:v", "5");
        await Make("clip.mkv", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30", "-t", "3", "-c:v", "mpeg4", "-q:v", "4");
        await Make("clip444.mjpeg", "-f", "lavfi", "-i", source, "-t", "4", "-c:v", "mjpeg", "-pix_fmt", "yuvj444p", "-huffman", "optimal", "-q:v", "3", "-f", "mjpeg");
        _server = await ServerProcess.StartAsync("--media", _dir);
    }

    [OneTimeTearDown]
    public async Task StopServerAndDeleteClips()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [TestCase("clip.mp4", 250, "25", "npt=0-10")]
    [TestCase("clip.avi", 100, "25", "npt=0-4")]
    [TestCase("clip.mkv", 90, "30", "npt=0-3")]
    public async Task A_video_file_plays_in_ffmpeg_with_every_frame_and_no_decode_error(string file, int frames, string frameRate, string range)
    {
        var sdp = await DescribeAsync(file);
        var run = await Ffmpeg.RunAsync(PeerTimeout, "-rtsp_transport", "tcp", "-i", _server!.Url(file), "-fps_mode", "passthrough", "-f", "framecrc", "-");

        sdp.Media[0].GetAttribute("framerate")!.Value.Should().Be(frameRate, "the file's own frame rate");
        sdp.Media[0].RangeAttribute.Should().Be(range, "the file's own duration");
        run.TimedOut.Should().BeFalse();
        run.StandardError.Should().BeEmpty("no decode error; server stderr:\n" + _server.StandardError);
        Ffmpeg.FrameChecksums(run.StandardOutput).Should().HaveCount(frames);
        _server.StandardError.Should().Contain($"{file}: transcoded {frames} frames");
    }

    [Test]
    public async Task A_444_optimized_Huffman_mjpeg_is_transcoded_with_a_reason_and_decodes_cleanly()
    {
        var run = await Ffmpeg.RunAsync(PeerTimeout, "-rtsp_transport", "tcp", "-i", _server!.Url("clip444.mjpeg"), "-fps_mode", "passthrough", "-f", "framecrc", "-");

        run.StandardError.Should().BeEmpty();
        Ffmpeg.FrameChecksums(run.StandardOutput).Should().HaveCount(100);
        _server.StandardError.Should().MatchRegex(@"clip444\.mjpeg: frame 0 cannot be sent over RTP/JPEG \((UnsupportedSampling|NonStandardHuffmanTables)");
        _server.StandardError.Should().Contain("clip444.mjpeg: transcoded 100 frames");
    }

    [Test]
    public async Task Seeking_the_mp4_to_5_s_plays_the_second_half()
    {
        var run = await Ffmpeg.RunAsync(PeerTimeout, "-rtsp_transport", "tcp", "-ss", "5", "-i", _server!.Url("clip.mp4"), "-fps_mode", "passthrough", "-f", "framecrc", "-");
        var whole = await Ffmpeg.RunAsync(PeerTimeout, "-rtsp_transport", "tcp", "-i", _server.Url("clip.mp4"), "-fps_mode", "passthrough", "-f", "framecrc", "-");

        run.StandardError.Should().BeEmpty();
        var seeked = Ffmpeg.FrameChecksums(run.StandardOutput);
        var all = Ffmpeg.FrameChecksums(whole.StandardOutput);
        seeked.Count.Should().BeInRange(120, 130, "5 s of 10 at 25 fps");
        all.Should().HaveCount(250);
        seeked.Should().Equal(all.Skip(all.Count - seeked.Count), "the frames after the seek are exactly the last frames of the clip (decoded pictures compared by CRC)");
    }

    private async Task<SessionDescription> DescribeAsync(string file)
    {
        await using var client = await RtspTestClient.ConnectAsync(_server!.BaseUrl);
        var response = await client.DescribeAsync(_server.Url(file));
        response.StatusCode.Should().Be(200, _server.StandardError);
        return SessionDescription.Parse(Encoding.UTF8.GetString(response.Body));
    }

    private async Task Make(string name, params string[] arguments)
    {
        var run = await Ffmpeg.RunAsync(PeerTimeout, [.. arguments, "-y", Path.Combine(_dir, name)]);
        if (run.ExitCode != 0)
            Assert.Fail($"ffmpeg could not make {name}: {run.StandardError}");
    }
}
