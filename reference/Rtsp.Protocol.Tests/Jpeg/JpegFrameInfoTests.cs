using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Tests.Jpeg;

public class JpegFrameInfoTests
{
    [Test]
    public void Ffmpeg_420_frame_is_type_1_with_its_size_tables_and_scan()
    {
        byte[] jpeg = TestFrames.FfmpegClipFrames()[0];

        JpegFrameInfo frame = JpegFrameInfo.Parse(jpeg);

        frame.Width.Should().Be(320);
        frame.Height.Should().Be(240);
        frame.Type.Should().Be(1);
        frame.RestartInterval.Should().Be(0);
        frame.QuantizationTables.Should().HaveCount(2);
        frame.QuantizationTables.Should().AllSatisfy(t => t.Should().HaveCount(64));
        // The scan runs from just after the SOS header to the EOI, which ends the file.
        frame.ScanData.Length.Should().BeGreaterThan(1000);
        int scanEnd = jpeg.Length - 2;
        jpeg.AsSpan(scanEnd).ToArray().Should().Equal(0xFF, 0xD9);
        jpeg.AsSpan(scanEnd - frame.ScanData.Length, frame.ScanData.Length).SequenceEqual(frame.ScanData.Span).Should().BeTrue();
    }

    [Test]
    public void Quantization_tables_are_the_ones_of_the_DQT_in_zigzag_order()
    {
        byte[] jpeg = TestFrames.FfmpegClipFrames()[1];

        JpegFrameInfo frame = JpegFrameInfo.Parse(jpeg);

        // Find each DQT table in the file: destination byte then 64 bytes.
        int luma = IndexOfTable(jpeg, 0);
        int chroma = IndexOfTable(jpeg, 1);
        frame.QuantizationTables[0].Should().Equal(jpeg.AsSpan(luma, 64).ToArray());
        frame.QuantizationTables[1].Should().Equal(jpeg.AsSpan(chroma, 64).ToArray());
    }

    [Test]
    public void Ffmpeg_frame_with_one_table_for_both_chroma_components_parses()
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.Load("testsrc-320x240-420-single-chroma-table.jpg"));

        frame.Type.Should().Be(1);
    }

    [TestCase(TestFrames.Sampling420, 1)]
    [TestCase(TestFrames.Sampling422, 0)]
    public void OpenCv_frame_type_follows_the_sampling(int sampling, int type)
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(64, 48, sampling: sampling));

        frame.Type.Should().Be((byte)type);
    }

    [TestCase(TestFrames.Sampling420, 4, 65)]
    [TestCase(TestFrames.Sampling422, 7, 64)]
    public void A_restart_interval_adds_64_to_the_type(int sampling, int interval, int type)
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(128, 64, sampling: sampling, restartInterval: interval));

        frame.Type.Should().Be((byte)type);
        frame.RestartInterval.Should().Be(interval);
    }

    [Test]
    public void Scan_with_restart_markers_runs_to_the_EOI()
    {
        byte[] jpeg = TestFrames.EncodePattern(128, 64, restartInterval: 2);

        JpegFrameInfo frame = JpegFrameInfo.Parse(jpeg);

        int eoi = jpeg.AsSpan().LastIndexOf(new byte[] { 0xFF, 0xD9 });
        (frame.ScanData.Length + (eoi - frame.ScanData.Length)).Should().Be(eoi);
        jpeg.AsSpan(eoi - frame.ScanData.Length, frame.ScanData.Length).SequenceEqual(frame.ScanData.Span).Should().BeTrue();
        frame.ScanData.Span.IndexOf(new byte[] { 0xFF, 0xD0 }).Should().BeGreaterThan(0, "RST0 markers stay in the scan data");
    }

    [Test]
    public void TryParse_returns_the_reason_instead_of_throwing()
    {
        bool ok = JpegFrameInfo.TryParse(TestFrames.Load("testsrc-160x120-444.jpg"), out JpegFrameInfo? frame, out JpegRejectReason? reason);

        ok.Should().BeFalse();
        frame.Should().BeNull();
        reason.Should().Be(JpegRejectReason.UnsupportedSampling);
    }

    private static int IndexOfTable(byte[] jpeg, int destination)
    {
        for (int i = 0; i + 4 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xDB)
            {
                int length = (jpeg[i + 2] << 8) | jpeg[i + 3];
                for (int t = i + 4; t < i + 2 + length; t += 65)
                {
                    if (jpeg[t] == destination)
                    {
                        return t + 1;
                    }
                }
            }
        }

        throw new AssertionException($"no DQT table {destination}");
    }
}
