using OpenCvSharp;
using Rtsp.Media.Pattern;
using Rtsp.Protocol.Jpeg;

namespace Rtsp.Server.Tests.Unit;

public class PatternTests
{
    private static readonly PatternRenderer Renderer = new(640, 480, 25);

    [TestCase(0u)]
    [TestCase(1u)]
    [TestCase(125u)]
    [TestCase(249u)]
    [TestCase(0x8000_0001u)]
    [TestCase(uint.MaxValue)]
    public void Barcode_survives_JPEG_and_reads_back(uint number)
    {
        var jpeg = Renderer.RenderJpeg(number);
        using var decoded = Cv2.ImDecode(jpeg, ImreadModes.Color);
        FrameNumberBarcode.Read(decoded).Should().Be(number);
    }

    [Test]
    public void Read_refuses_a_picture_without_a_barcode()
    {
        using var grey = new Mat(480, 640, MatType.CV_8UC3, new Scalar(128, 128, 128));
        FrameNumberBarcode.Read(grey).Should().BeNull();
    }

    [Test]
    public void Pattern_frames_are_RFC_2435_carriable_4_2_0()
    {
        var info = JpegFrameInfo.Parse(Renderer.RenderJpeg(7));
        info.Width.Should().Be(640);
        info.Height.Should().Be(480);
        info.Type.Should().Be(1, "OpenCV encodes 4:2:0 with standard Huffman tables: RFC 2435 type 1");
    }

    [Test]
    public void Consecutive_frames_differ_and_a_frame_is_deterministic()
    {
        Renderer.RenderJpeg(10).Should().Equal(Renderer.RenderJpeg(10));
        Renderer.RenderJpeg(10).Should().NotEqual(Renderer.RenderJpeg(11));
    }

    [Test]
    public void Generated_clip_holds_its_frames_in_order()
    {
        using var clip = new GeneratedClip("clip", new PatternRenderer(320, 240, 10), 5);
        clip.FrameCount.Should().Be(5);
        ((Rtsp.Media.IStoredMediaSource)clip).Duration.Should().Be(TimeSpan.FromSeconds(0.5));
        using var third = Cv2.ImDecode(clip.GetFrame(3).ToArray(), ImreadModes.Color);
        FrameNumberBarcode.Read(third).Should().Be(3);
    }

    [Test]
    public void Live_pattern_gives_increasing_frame_numbers_in_real_time()
    {
        using var live = new LivePatternSource("live", new PatternRenderer(320, 240, 25));
        using var subscription = live.Subscribe();
        var first = subscription.TakeNext();
        first.Should().NotBeNull("Subscribe produces a frame at once, so a PLAY right after SETUP has one");
        Thread.Sleep(300);
        var later = new List<long>();
        for (var frame = subscription.TakeNext(); frame is not null; frame = subscription.TakeNext())
            later.Add(frame.Number);
        later.Should().NotBeEmpty().And.BeInAscendingOrder();
        later[0].Should().BeGreaterThan(first!.Number);
    }
}
