using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Tests.Jpeg;

public class JpegHeaderBuilderTests
{
    [TestCase(1, 0, 589)]
    [TestCase(65, 16, 595)]
    public void Headers_have_the_Appendix_B_layout(int type, int restart, int length)
    {
        byte[][] tables = JpegQuantizationTables.FromQ(50);

        byte[] headers = JpegHeaderBuilder.Build(type, 320, 240, tables, restart);

        headers.Length.Should().Be(length);
        JpegHeaderBuilder.GetLength(restart).Should().Be(length);
        headers[..2].Should().Equal(0xFF, 0xD8);
        Markers(headers).Should().Equal(restart > 0
            ? new byte[] { 0xD8, 0xDB, 0xC0, 0xC4, 0xDD, 0xDA }
            : new byte[] { 0xD8, 0xDB, 0xC0, 0xC4, 0xDA });
    }

    [TestCase(0, 0x21)]
    [TestCase(1, 0x22)]
    [TestCase(64, 0x21)]
    [TestCase(65, 0x22)]
    public void Luma_sampling_follows_the_type(int type, int lumaFactors)
    {
        byte[] headers = JpegHeaderBuilder.Build(type, 640, 480, JpegQuantizationTables.FromQ(80), type >= 64 ? 8 : 0);

        int sof = JpegRejectionTests.Find(headers, 0xC0);
        headers[(sof + 4)..(sof + 10)].Should().Equal(8, 0x01, 0xE0, 0x02, 0x80, 3); // precision, height 480, width 640, 3 components
        headers[sof + 11].Should().Be((byte)lumaFactors);
        headers[sof + 14].Should().Be(0x11);
        headers[sof + 17].Should().Be(0x11);
    }

    [Test]
    public void Built_headers_with_a_real_scan_parse_back_to_the_same_frame()
    {
        JpegFrameInfo original = JpegFrameInfo.Parse(TestFrames.EncodePattern(128, 64, restartInterval: 3));

        byte[] headers = JpegHeaderBuilder.Build(original.Type, original.Width, original.Height, original.QuantizationTables, original.RestartInterval);
        JpegFrameInfo rebuilt = JpegFrameInfo.Parse((byte[])[.. headers, .. original.ScanData.Span, 0xFF, 0xD9]);

        rebuilt.Type.Should().Be(original.Type);
        rebuilt.Width.Should().Be(128);
        rebuilt.Height.Should().Be(64);
        rebuilt.RestartInterval.Should().Be(3);
        rebuilt.QuantizationTables[0].Should().Equal(original.QuantizationTables[0]);
        rebuilt.QuantizationTables[1].Should().Equal(original.QuantizationTables[1]);
    }

    [TestCase(2)]
    [TestCase(63)]
    [TestCase(66)]
    public void Types_RFC_2435_does_not_define_are_refused(int type)
    {
        Action build = () => JpegHeaderBuilder.Build(type, 64, 64, JpegQuantizationTables.FromQ(50), 0);

        build.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Tables_must_be_two_of_64()
    {
        Action one = () => JpegHeaderBuilder.Build(1, 64, 64, [new byte[64]], 0);
        Action shortTable = () => JpegHeaderBuilder.Build(1, 64, 64, [new byte[64], new byte[63]], 0);

        one.Should().Throw<ArgumentException>();
        shortTable.Should().Throw<ArgumentException>();
    }

    /// <summary>The marker codes in order, walking segments by their lengths.</summary>
    private static List<byte> Markers(byte[] headers)
    {
        var markers = new List<byte> { headers[1] };
        int p = 2;
        while (p + 4 <= headers.Length)
        {
            markers.Add(headers[p + 1]);
            p += 2 + ((headers[p + 2] << 8) | headers[p + 3]);
        }

        p.Should().Be(headers.Length, "the last segment ends exactly at the end");
        return markers;
    }
}
