using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;
using Rtsp.Media.OpenCv;
using Rtsp.Media.Pattern;
using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Mjpeg;

namespace Rtsp.Server.Tests.OpenCv;

/// <summary>.mjpeg frames RFC 2435 cannot carry are found by a header scan and transcoded, frame for frame.</summary>
public sealed class MjpegTranscodeTests
{
    private const ImwriteFlags SamplingFactor = (ImwriteFlags)7;

    [Test]
    public void A_444_optimized_Huffman_file_is_found_unsendable_and_transcoded_frame_for_frame()
    {
        var renderer = new PatternRenderer(320, 240, 25);
        byte[] file = [.. Enumerable.Range(0, 10).SelectMany(i => Encode444Optimized(renderer, (uint)i))];
        using var index = MjpegFileIndex.FromBytes(file);

        var problem = MediaFileOpener.FirstUncarriableFrame(index);
        var clip = TranscodedClip.FromMjpeg("bad.mjpeg", index, 25, new Rfc2435JpegEncoder(), NullLogger.Instance);

        problem.Should().NotBeNull();
        problem!.Value.Frame.Should().Be(0);
        problem.Value.Reason.Should().BeOneOf(JpegRejectReason.UnsupportedSampling, JpegRejectReason.NonStandardHuffmanTables);
        clip.FrameCount.Should().Be(10);
        clip.Width.Should().Be(320);
        for (int i = 0; i < clip.FrameCount; i++)
        {
            JpegFrameInfo.Parse(clip.GetFrame(i)).Type.Should().Be(1);
            using var decoded = Cv2.ImDecode(clip.GetFrame(i).ToArray(), ImreadModes.Color);
            FrameNumberBarcode.Read(decoded).Should().Be((uint)i, "frame {0} keeps its place", i);
        }
    }

    [Test]
    public void A_sendable_file_has_no_problem_frame()
    {
        var renderer = new PatternRenderer(320, 240, 25);
        byte[] file = [.. Enumerable.Range(0, 5).SelectMany(i => renderer.RenderJpeg((uint)i))];
        using var index = MjpegFileIndex.FromBytes(file);

        MediaFileOpener.FirstUncarriableFrame(index).Should().BeNull();
    }

    [Test]
    public void A_single_bad_frame_in_the_middle_is_named()
    {
        var renderer = new PatternRenderer(320, 240, 25);
        byte[] file = [.. renderer.RenderJpeg(0), .. renderer.RenderJpeg(1), .. Encode444Optimized(renderer, 2), .. renderer.RenderJpeg(3)];
        using var index = MjpegFileIndex.FromBytes(file);

        MediaFileOpener.FirstUncarriableFrame(index)!.Value.Frame.Should().Be(2);
    }

    [TestCase("clip.MP4", true)]
    [TestCase("a/b.mkv", true)]
    [TestCase("x.mov", true)]
    [TestCase("x.avi", true)]
    [TestCase("x.mjpeg", true)]
    [TestCase("x.jpg", false)]
    [TestCase("x.mp4.txt", false)]
    public void Served_extensions(string name, bool served) => MediaFileOpener.IsServed(name).Should().Be(served);

    private static byte[] Encode444Optimized(PatternRenderer renderer, uint number)
    {
        using var picture = renderer.Render(number);
        Cv2.ImEncode(".jpg", picture, out byte[] jpeg,
            new ImageEncodingParam[] { new(ImwriteFlags.JpegQuality, 85), new(SamplingFactor, 0x111111), new(ImwriteFlags.JpegOptimize, 1) });
        return jpeg;
    }
}
