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

    [Test]
    public void FFD8_and_FFD9_inside_an_APP_segment_are_not_frame_boundaries()
    {
        // An APP1 segment that embeds a whole thumbnail JPEG (as EXIF does) must be skipped by its length.
        byte[] frame = TestFrames.EncodePattern(64, 48);
        byte[] thumbnail = TestFrames.EncodePattern(16, 16);
        int appLength = thumbnail.Length + 2;
        byte[] withThumbnail = [0xFF, 0xD8, 0xFF, 0xE1, (byte)(appLength >> 8), (byte)appLength, .. thumbnail, .. frame[2..]];
        byte[] stream = [.. withThumbnail, .. frame, .. withThumbnail];

        using MjpegFileIndex index = MjpegFileIndex.FromBytes(stream);

        index.FrameCount.Should().Be(3);
        index.Lengths.Should().Equal(withThumbnail.Length, frame.Length, withThumbnail.Length);
        JpegFrameInfo.Parse(index.GetFrame(2)).Width.Should().Be(64);
    }

    [Test]
    public void Progressive_frames_with_several_scans_are_indexed_whole()
    {
        byte[] progressive = TestFrames.EncodePattern(96, 64, progressive: true);
        byte[] baseline = TestFrames.EncodePattern(96, 64);

        using MjpegFileIndex index = MjpegFileIndex.FromBytes([.. progressive, .. baseline, .. progressive]);

        index.Lengths.Should().Equal(progressive.Length, baseline.Length, progressive.Length);
    }

    [Test]
    public void Restart_markers_and_fill_bytes_do_not_end_a_frame()
    {
        byte[] frame = TestFrames.EncodePattern(128, 64, restartInterval: 1);
        // T.81 B.1.1.2: fill bytes FF may precede any marker, here the EOI.
        byte[] filled = [.. frame[..^2], 0xFF, 0xFF, 0xFF, 0xD9];

        using MjpegFileIndex index = MjpegFileIndex.FromBytes([.. frame, .. filled, .. frame]);

        index.Lengths.Should().Equal(frame.Length, filled.Length, frame.Length);
    }

    [Test]
    public void Frames_across_the_read_buffer_boundaries_are_found_the_same_from_file_and_memory()
    {
        // ~100 frames of varied sizes: boundaries land everywhere relative to the 64 KiB scan buffer.
        var frames = Enumerable.Range(0, 100).Select(i => TestFrames.EncodePattern(16 * (1 + (i % 9)), 16 * (1 + (i % 5)), seed: i)).ToArray();
        byte[] stream = frames.SelectMany(f => f).ToArray();
        string path = Path.Combine(Path.GetTempPath(), $"mjpeg-index-{Guid.NewGuid():N}.mjpeg");
        File.WriteAllBytes(path, stream);
        try
        {
            using MjpegFileIndex index = MjpegFileIndex.Open(path);

            index.FrameCount.Should().Be(frames.Length);
            index.Lengths.Should().Equal(frames.Select(f => f.Length));
            index.MaxFrameLength.Should().Be(frames.Max(f => f.Length));
            var buffer = new byte[index.MaxFrameLength];
            for (int i = 0; i < frames.Length; i += 7)
            {
                int length = index.ReadFrame(i, buffer);
                buffer[..length].Should().Equal(frames[i]);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Frame_index_out_of_range_is_an_argument_error()
    {
        using MjpegFileIndex index = MjpegFileIndex.FromBytes(TestFrames.Load("testsrc-320x240-420.mjpeg"));

        Action below = () => index.GetFrame(-1);
        Action above = () => index.GetFrame(3);
        Action small = () => index.ReadFrame(0, new byte[10]);

        below.Should().Throw<ArgumentOutOfRangeException>();
        above.Should().Throw<ArgumentOutOfRangeException>();
        small.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Reading_after_dispose_is_refused()
    {
        MjpegFileIndex index = MjpegFileIndex.Open(TestFrames.PathOf("testsrc-320x240-420.mjpeg"));
        index.Dispose();

        Action read = () => index.GetFrame(0);

        read.Should().Throw<ObjectDisposedException>();
    }
}
