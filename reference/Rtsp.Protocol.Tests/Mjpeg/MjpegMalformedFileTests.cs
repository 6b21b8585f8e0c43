using Rtsp.Protocol.Mjpeg;
using Rtsp.Protocol.Tests.Jpeg;

namespace Rtsp.Protocol.Tests.Mjpeg;

/// <summary>Files that are empty, not JPEG or cut off, read from disk (a temp dir per test) and from memory.</summary>
public class MjpegMalformedFileTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("mjpeg-index-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static byte[] Clip => TestFrames.Load("testsrc-320x240-420.mjpeg");

    private string Write(byte[] bytes)
    {
        string path = Path.Combine(_directory, "clip.mjpeg");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Test]
    public void Empty_file_says_it_is_empty()
    {
        Action open = () => MjpegFileIndex.Open(Write([]));

        open.Should().Throw<MjpegFormatException>().WithMessage("*empty*");
    }

    [Test]
    public void Text_file_is_not_an_MJPEG_file_and_the_offset_is_named()
    {
        Action open = () => MjpegFileIndex.Open(Write("hello, this is not a video"u8.ToArray()));

        open.Should().Throw<MjpegFormatException>().WithMessage("*not an MJPEG file*offset 0*");
    }

    [Test]
    public void Garbage_after_the_frames_names_its_offset_and_the_frames_before_it()
    {
        byte[] bytes = [.. Clip, .. "junk"u8];

        Action open = () => MjpegFileIndex.FromBytes(bytes);

        open.Should().Throw<MjpegFormatException>().WithMessage($"*offset {Clip.Length}*3 complete frame*");
    }

    [Test]
    public void Truncated_last_frame_throws_by_default_and_says_how_many_frames_are_complete()
    {
        byte[] clip = Clip;
        using MjpegFileIndex whole = MjpegFileIndex.FromBytes(clip);
        byte[] cut = clip[..(int)(whole.Offsets[2] + (whole.Lengths[2] / 2))];

        Action open = () => MjpegFileIndex.Open(Write(cut));

        open.Should().Throw<MjpegFormatException>().WithMessage($"*truncated*offset {whole.Offsets[2]}*2 complete frame*AcceptTruncatedLastFrame*");
    }

    [Test]
    public void Truncated_last_frame_can_be_accepted_and_the_complete_frames_kept()
    {
        byte[] clip = Clip;
        using MjpegFileIndex whole = MjpegFileIndex.FromBytes(clip);
        byte[] cut = clip[..(int)(whole.Offsets[2] + 100)];

        using MjpegFileIndex index = MjpegFileIndex.Open(Write(cut), new MjpegIndexOptions { AcceptTruncatedLastFrame = true });

        index.FrameCount.Should().Be(2);
        index.TruncatedTail.Should().Contain($"offset {whole.Offsets[2]}");
        index.GetFrame(1).ToArray().Should().Equal(whole.GetFrame(1).ToArray());
    }

    [Test]
    public void A_file_of_one_cut_frame_has_no_frames_even_when_truncation_is_accepted()
    {
        Action open = () => MjpegFileIndex.FromBytes(Clip[..500], new MjpegIndexOptions { AcceptTruncatedLastFrame = true });

        open.Should().Throw<MjpegFormatException>().WithMessage("*truncated*0 complete frame*");
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Cut_right_after_the_SOI_or_inside_a_marker_is_truncated(int keep)
    {
        Action open = () => MjpegFileIndex.FromBytes(Clip[..keep]);

        open.Should().Throw<MjpegFormatException>();
    }

    [Test]
    public void Frame_without_EOI_longer_than_the_limit_is_refused()
    {
        Action open = () => MjpegFileIndex.FromBytes(Clip, new MjpegIndexOptions { MaxFrameLength = 1000 });

        open.Should().Throw<MjpegFormatException>().WithMessage("*longer than 1000 bytes*");
    }

    [Test]
    public void Missing_file_is_a_file_not_found_error()
    {
        Action open = () => MjpegFileIndex.Open(Path.Combine(_directory, "absent.mjpeg"));

        open.Should().Throw<FileNotFoundException>();
    }
}
