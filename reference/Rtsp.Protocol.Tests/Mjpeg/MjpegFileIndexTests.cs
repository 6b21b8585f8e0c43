using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Mjpeg;
using Rtsp.Protocol.Tests.Jpeg;

namespace Rtsp.Protocol.Tests.Mjpeg;

public class MjpegFileIndexTests
{
    [Test]
    public void Ffmpeg_clip_has_three_frames_that_start_with_SOI_and_end_with_EOI()
    {
        using MjpegFileIndex index = MjpegFileIndex.Open(TestFrames.PathOf("testsrc-320x240-420.mjpeg"));

        index.FrameCount.Should().Be(3);
        index.Offsets[0].Should().Be(0);
        for (int i = 0; i < index.FrameCount; i++)
        {
            ReadOnlySpan<byte> frame = index.GetFrame(i).Span;
            frame[..2].ToArray().Should().Equal(0xFF, 0xD8);
            frame[^2..].ToArray().Should().Equal(0xFF, 0xD9);
            JpegFrameInfo.Parse(index.GetFrame(i)).Width.Should().Be(320);
        }

        // The frames tile the file: each starts where the previous ended, the last ends at the end.
        for (int i = 1; i < index.FrameCount; i++)
        {
            index.Offsets[i].Should().Be(index.Offsets[i - 1] + index.Lengths[i - 1]);
        }

        (index.Offsets[^1] + index.Lengths[^1]).Should().Be(new FileInfo(TestFrames.PathOf("testsrc-320x240-420.mjpeg")).Length);
        index.TruncatedTail.Should().BeNull();
    }

    [Test]
    public void File_and_memory_indexes_agree_and_frames_are_read_in_any_order()
    {
        byte[] bytes = TestFrames.Load("testsrc-320x240-420.mjpeg");
        using MjpegFileIndex fromFile = MjpegFileIndex.Open(TestFrames.PathOf("testsrc-320x240-420.mjpeg"));
        using MjpegFileIndex fromBytes = MjpegFileIndex.FromBytes(bytes);

        fromFile.Offsets.Should().Equal(fromBytes.Offsets);
        fromFile.Lengths.Should().Equal(fromBytes.Lengths);
        foreach (int i in new[] { 2, 0, 1, 2 })
        {
            fromFile.GetFrame(i).ToArray().Should().Equal(fromBytes.GetFrame(i).ToArray());
            fromFile.GetFrame(i).ToArray().Should().Equal(bytes.AsSpan((int)fromFile.Offsets[i], fromFile.Lengths[i]).ToArray());
        }
    }
}
