using Microsoft.Extensions.Logging.Abstractions;
using Rtsp.Media;
using Rtsp.Media.OpenCv;
using Rtsp.Protocol.H26x;

namespace Rtsp.Server.Tests.H264;

/// <summary>Indexing an H.264 .mp4 through OpenCV's raw mode (no decoding): access units, keyframes, seek points, B-frame offsets.</summary>
[Category("Integration")]
public sealed class H264FileSourceTests
{
    private H264Clip? _clip;

    [OneTimeSetUp]
    public async Task MakeClip()
    {
        _clip = await H264Clip.MakeAsync();
        await _clip.AddAsync("mpeg4.mkv", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "1", "-c:v", "mpeg4");
    }

    [OneTimeTearDown]
    public void DeleteClip() => _clip?.Dispose();

    [Test]
    public void The_file_is_indexed_as_annex_b_access_units_with_keyframes_and_parameter_sets()
    {
        using var source = H264FileSource.TryOpen("clip.mp4", _clip!.File, 25, NullLogger.Instance, out string? whyNot)!;

        whyNot.Should().BeNull();
        source.Codec.Should().Be(MediaCodec.H264);
        (source.FrameCount, source.Width, source.Height, source.FrameRate).Should().Be((H264Clip.Frames, 320, 240, 25.0));
        source.Keyframes.Should().Equal(0, 25, 50, 75);
        source.ParameterSets.Sps[0].Should().Be(0x67);
        source.ParameterSets.Pps[0].Should().Be(0x68);
        AnnexBSplitter.Split(source.GetFrame(0)).Select(u => H264Packetizer.NalType(u.Span)).Should().Contain([7, 8, 5]);
        AnnexBSplitter.Split(source.GetFrame(1)).Select(u => H264Packetizer.NalType(u.Span)).Should().NotContain(5);
    }

    [TestCase(0, 0)]
    [TestCase(24, 0)]
    [TestCase(25, 25)]
    [TestCase(37, 25)]
    [TestCase(99, 75)]
    public void A_seek_starts_at_the_keyframe_at_or_before(int frame, int keyframe)
    {
        using var source = H264FileSource.TryOpen("clip.mp4", _clip!.File, 25, NullLogger.Instance, out _)!;

        ((IStoredMediaSource)source).SeekFrameAtOrBefore(frame).Should().Be(keyframe);
    }

    [Test]
    public void B_frames_get_presentation_offsets_that_make_each_frame_its_own_slot()
    {
        using var source = H264FileSource.TryOpen("clip.mp4", _clip!.File, 25, NullLogger.Instance, out _)!;

        var shown = Enumerable.Range(0, source.FrameCount).Select(i => i + source.PresentationOffset(i)).ToList();
        shown.Order().Should().Equal(Enumerable.Range(0, H264Clip.Frames), "every picture has its own presentation time");
        shown.Should().NotBeInAscendingOrder("the clip has B-frames: decoding order differs from presentation order");
    }

    [Test]
    public void A_file_in_another_codec_is_refused_with_the_reason()
    {
        var source = H264FileSource.TryOpen("mpeg4.mkv", Path.Combine(_clip!.Directory, "mpeg4.mkv"), 25, NullLogger.Instance, out string? whyNot);

        source.Should().BeNull();
        whyNot.Should().Contain("not H.264");
    }
}
