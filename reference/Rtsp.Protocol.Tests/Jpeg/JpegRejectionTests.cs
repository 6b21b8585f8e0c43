using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Tests.Jpeg;

/// <summary>Each kind of frame RFC 2435 cannot carry is rejected with its own reason.</summary>
public class JpegRejectionTests
{
    private static JpegRejectReason ReasonFor(byte[] jpeg)
    {
        Action parse = () => JpegFrameInfo.Parse(jpeg);
        return parse.Should().Throw<JpegFormatException>().Which.Reason;
    }

    [Test]
    public void Ffmpeg_444_is_unsupported_sampling_and_says_444()
    {
        byte[] jpeg = TestFrames.Load("testsrc-160x120-444.jpg");

        Action parse = () => JpegFrameInfo.Parse(jpeg);

        parse.Should().Throw<JpegFormatException>()
            .Where(e => e.Reason == JpegRejectReason.UnsupportedSampling && e.Message.Contains("4:4:4"));
    }

    [Test]
    public void Ffmpeg_422_with_2x2_and_1x2_factors_is_unsupported_sampling()
    {
        // ffmpeg codes yuvj422p as Y 2x2 + chroma 1x2; the MCU layout differs from type 0's Y 2x1 + chroma 1x1.
        Action parse = () => JpegFrameInfo.Parse(TestFrames.Load("testsrc-320x240-422-ffmpeg-factors.jpg"));

        parse.Should().Throw<JpegFormatException>()
            .Where(e => e.Reason == JpegRejectReason.UnsupportedSampling && e.Message.Contains("4:2:2") && e.Message.Contains("Cb 1x2"));
    }

    [Test]
    public void OpenCv_444_is_unsupported_sampling() =>
        ReasonFor(TestFrames.EncodePattern(64, 64, sampling: TestFrames.Sampling444)).Should().Be(JpegRejectReason.UnsupportedSampling);

    [Test]
    public void Grayscale_is_unsupported_sampling()
    {
        Action parse = () => JpegFrameInfo.Parse(TestFrames.EncodeGray(64, 64));

        parse.Should().Throw<JpegFormatException>()
            .Where(e => e.Reason == JpegRejectReason.UnsupportedSampling && e.Message.Contains("grayscale"));
    }

    [Test]
    public void Ffmpeg_optimal_huffman_tables_are_non_standard() =>
        ReasonFor(TestFrames.Load("testsrc-160x120-optimal-huffman.jpg")).Should().Be(JpegRejectReason.NonStandardHuffmanTables);

    [Test]
    public void OpenCv_optimized_huffman_tables_are_non_standard() =>
        ReasonFor(TestFrames.EncodePattern(128, 96, optimize: true)).Should().Be(JpegRejectReason.NonStandardHuffmanTables);

    [Test]
    public void Progressive_is_rejected_as_progressive() =>
        ReasonFor(TestFrames.EncodePattern(128, 96, progressive: true)).Should().Be(JpegRejectReason.Progressive);

    [Test]
    public void Ffmpeg_2048_wide_is_too_large()
    {
        Action parse = () => JpegFrameInfo.Parse(TestFrames.Load("testsrc-2048x16-too-wide.jpg"));

        parse.Should().Throw<JpegFormatException>()
            .Where(e => e.Reason == JpegRejectReason.TooLarge && e.Message.Contains("2048x16"));
    }

    [Test]
    public void OpenCv_2056_tall_is_too_large() =>
        ReasonFor(TestFrames.EncodePattern(16, 2056)).Should().Be(JpegRejectReason.TooLarge);

    [Test]
    public void Largest_sendable_size_2040_is_accepted() =>
        JpegFrameInfo.Parse(TestFrames.EncodePattern(2040, 16)).Width.Should().Be(2040);

    [TestCase(100, 64)]
    [TestCase(64, 36)]
    public void Size_not_a_multiple_of_8_is_rejected(int width, int height) =>
        ReasonFor(TestFrames.EncodePattern(width, height)).Should().Be(JpegRejectReason.DimensionsNotMultipleOf8);

    [Test]
    public void Twelve_bit_samples_are_not_8_bit()
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        jpeg[Find(jpeg, 0xC0) + 4] = 12; // SOF0 precision

        ReasonFor(jpeg).Should().Be(JpegRejectReason.Not8Bit);
    }

    [Test]
    public void Sixteen_bit_quantization_table_is_not_8_bit()
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        jpeg[Find(jpeg, 0xDB) + 4] |= 0x10; // Pq = 1

        ReasonFor(jpeg).Should().Be(JpegRejectReason.Not8Bit);
    }

    [TestCase(0xC1, TestName = "Extended sequential (SOF1) is an unsupported process")]
    [TestCase(0xC3, TestName = "Lossless (SOF3) is an unsupported process")]
    [TestCase(0xC9, TestName = "Arithmetic coding (SOF9) is an unsupported process")]
    public void Other_coding_processes_are_unsupported(int marker)
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        jpeg[Find(jpeg, 0xC0) + 1] = (byte)marker;

        ReasonFor(jpeg).Should().Be(JpegRejectReason.UnsupportedProcess);
    }

    [Test]
    public void Cb_and_Cr_with_different_tables_are_unsupported()
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        int sof = Find(jpeg, 0xC0);
        jpeg[sof + 10 + 8] = 0; // Cr's Tq -> the luma table

        ReasonFor(jpeg).Should().Be(JpegRejectReason.UnsupportedQuantizationTables);
    }

    [Test]
    public void Missing_quantization_table_is_unsupported()
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        int sof = Find(jpeg, 0xC0);
        jpeg[sof + 10 + 2] = 3; // Y's Tq -> a table never defined

        ReasonFor(jpeg).Should().Be(JpegRejectReason.UnsupportedQuantizationTables);
    }

    [Test]
    public void A_marker_after_the_scan_other_than_EOI_is_an_unsupported_scan()
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        // Put a DNL segment between the scan and the EOI.
        byte[] withDnl = [.. jpeg[..^2], 0xFF, 0xDC, 0x00, 0x04, 0x00, 0x40, 0xFF, 0xD9];

        ReasonFor(withDnl).Should().Be(JpegRejectReason.UnsupportedScan);
    }

    [Test]
    public void A_non_interleaved_scan_is_an_unsupported_scan()
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        int sos = Find(jpeg, 0xDA);
        // Rewrite the SOS header to one component: length 8, Ns 1, then Ss/Se/AhAl.
        byte[] header = [0xFF, 0xDA, 0x00, 0x08, 0x01, jpeg[sos + 5], jpeg[sos + 6], 0x00, 0x3F, 0x00];
        int sosLength = (jpeg[sos + 2] << 8) | jpeg[sos + 3];
        byte[] patched = [.. jpeg[..sos], .. header, .. jpeg[(sos + 2 + sosLength)..]];

        ReasonFor(patched).Should().Be(JpegRejectReason.UnsupportedScan);
    }

    [TestCase(0, true)]
    [TestCase(1, false)]
    public void Adobe_segment_with_transform_0_is_RGB_not_YCbCr(int transform, bool rejected)
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        byte[] app14 = [0xFF, 0xEE, 0x00, 0x0E, .. "Adobe"u8, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, (byte)transform];
        byte[] patched = [0xFF, 0xD8, .. app14, .. jpeg[2..]];

        if (rejected)
        {
            ReasonFor(patched).Should().Be(JpegRejectReason.NotYCbCr);
        }
        else
        {
            JpegFrameInfo.Parse(patched).Type.Should().Be(1);
        }
    }

    [Test]
    public void Component_ids_R_G_B_are_not_YCbCr()
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        int sof = Find(jpeg, 0xC0);
        int sos = Find(jpeg, 0xDA);
        for (int i = 0; i < 3; i++)
        {
            jpeg[sof + 10 + (3 * i)] = (byte)"RGB"[i];
            jpeg[sos + 5 + (2 * i)] = (byte)"RGB"[i];
        }

        ReasonFor(jpeg).Should().Be(JpegRejectReason.NotYCbCr);
    }

    [Test]
    public void Png_is_not_jpeg() =>
        ReasonFor([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]).Should().Be(JpegRejectReason.NotJpeg);

    [TestCase(0)]
    [TestCase(1)]
    public void Too_short_for_SOI_is_not_jpeg(int length) =>
        ReasonFor(new byte[length]).Should().Be(JpegRejectReason.NotJpeg);

    [Test]
    public void Every_cut_of_a_frame_is_truncated()
    {
        byte[] jpeg = TestFrames.FfmpegClipFrames()[0];
        int sos = Find(jpeg, 0xDA);

        // Inside every header segment and at many points of the scan (the EOI is the last 2 bytes).
        for (int cut = 2; cut < jpeg.Length - 1; cut += cut < sos + 20 ? 1 : 97)
        {
            ReasonFor(jpeg[..cut]).Should().Be(JpegRejectReason.Truncated, $"cut at {cut} of {jpeg.Length}");
        }
    }

    [Test]
    public void Frame_height_zero_is_malformed()
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        int sof = Find(jpeg, 0xC0);
        jpeg[sof + 5] = 0;
        jpeg[sof + 6] = 0;

        ReasonFor(jpeg).Should().Be(JpegRejectReason.Malformed);
    }

    [Test]
    public void Segment_length_below_two_is_malformed()
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        int dqt = Find(jpeg, 0xDB);
        jpeg[dqt + 2] = 0;
        jpeg[dqt + 3] = 1;

        ReasonFor(jpeg).Should().Be(JpegRejectReason.Malformed);
    }

    [Test]
    public void Scan_before_frame_header_is_malformed()
    {
        byte[] jpeg = TestFrames.EncodePattern(64, 64);
        jpeg[Find(jpeg, 0xC0) + 1] = 0xE5; // the SOF0 becomes an APP5 segment

        ReasonFor(jpeg).Should().Be(JpegRejectReason.Malformed);
    }

    [Test]
    public void The_exception_is_a_protocol_format_exception()
    {
        Action parse = () => JpegFrameInfo.Parse(new byte[] { 1, 2, 3 });

        parse.Should().Throw<ProtocolFormatException>();
    }

    /// <summary>Offset of the first FF <paramref name="marker"/> in the header part of the frame.</summary>
    internal static int Find(byte[] jpeg, byte marker)
    {
        for (int i = 2; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker)
            {
                return i;
            }
        }

        throw new AssertionException($"marker FF {marker:X2} not found");
    }
}
