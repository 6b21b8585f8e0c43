using Rtsp.Protocol.Mjpeg;
using Rtsp.Protocol.Tests.Jpeg;

namespace Rtsp.Protocol.Tests.Mjpeg;

public class MjpegRobustnessTests
{
    [Test]
    public void Mutated_and_random_files_give_a_format_error_or_a_consistent_index()
    {
        byte[] clip = TestFrames.Load("testsrc-320x240-420.mjpeg");
        var random = new Random(2326);
        int indexed = 0;
        for (int i = 0; i < 400; i++)
        {
            byte[] bytes;
            if (i % 4 == 0)
            {
                bytes = new byte[random.Next(0, 3000)];
                random.NextBytes(bytes);
            }
            else
            {
                bytes = JpegRobustnessTests.Mutate(clip, random);
            }

            MjpegFileIndex index;
            try
            {
                index = MjpegFileIndex.FromBytes(bytes, new MjpegIndexOptions { AcceptTruncatedLastFrame = i % 2 == 0 });
            }
            catch (MjpegFormatException)
            {
                continue;
            }

            indexed++;
            using (index)
            {
                index.FrameCount.Should().BeGreaterThan(0);
                long end = 0;
                for (int f = 0; f < index.FrameCount; f++)
                {
                    index.Offsets[f].Should().Be(end, "frames tile the file from its first byte");
                    index.GetFrame(f).Span[..2].ToArray().Should().Equal(0xFF, 0xD8);
                    index.GetFrame(f).Span[^2..].ToArray().Should().Equal(0xFF, 0xD9);
                    end += index.Lengths[f];
                }
            }
        }

        indexed.Should().BeGreaterThan(20, "mutations inside the scan data keep the frame boundaries");
    }
}
