using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Mjpeg;
using Rtsp.Protocol.Tests.Jpeg;

namespace Rtsp.Protocol.Tests.Mjpeg;

/// <summary>The index against ffmpeg's own view of a 10 s clip it wrote: same frame count, same frame sizes.</summary>
[Category("Interop")]
public class MjpegInteropTests
{
    [Test]
    public void Ffmpeg_clip_of_250_frames_is_indexed_like_ffprobe_splits_it()
    {
        string directory = Directory.CreateTempSubdirectory("mjpeg-interop-").FullName;
        try
        {
            string clip = Path.Combine(directory, "clip.mjpeg");
            using (var ffmpeg = new ExternalProcess("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=640x480:rate=25",
                       "-frames:v", "250", "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-huffman", "default", "-force_duplicated_matrix", "1",
                       "-q:v", "5", "-f", "mjpeg", "-y", clip))
            {
                ffmpeg.WaitForExit(TimeSpan.FromSeconds(60)).Should().BeTrue();
                ffmpeg.ExitCode.Should().Be(0, ffmpeg.StandardError);
            }

            int[] ffprobeSizes;
            using (var ffprobe = new ExternalProcess("ffprobe", "-v", "error", "-show_entries", "packet=size", "-of", "csv=p=0", clip))
            {
                ffprobe.WaitForExit(TimeSpan.FromSeconds(60)).Should().BeTrue();
                ffprobeSizes = ffprobe.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
            }

            using MjpegFileIndex index = MjpegFileIndex.Open(clip);

            index.FrameCount.Should().Be(250);
            index.Lengths.Should().Equal(ffprobeSizes);
            var buffer = new byte[index.MaxFrameLength];
            for (int i = 0; i < index.FrameCount; i += 49)
            {
                int length = index.ReadFrame(i, buffer);
                JpegFrameInfo.Parse(buffer.AsMemory(0, length)).Type.Should().Be(1);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
