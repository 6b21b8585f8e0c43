using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Tests.Jpeg;

public class JpegPacketizerTests
{
    private static readonly int[] Limits = [200, 576, 1400, 9000];

    [TestCaseSource(nameof(Limits))]
    public void Payloads_respect_the_limit_and_all_but_the_last_fill_it(int limit)
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(640, 480, quality: 90));

        IReadOnlyList<byte[]> payloads = new JpegPacketizer(limit).Packetize(frame);

        payloads.Should().AllSatisfy(p => p.Length.Should().BeLessThanOrEqualTo(limit));
        // Equal sizes except the last: what one UDP GSO send requires.
        payloads.SkipLast(1).Where(p => p.Length != limit).Should().BeEmpty();
    }

    [Test]
    public void Fragment_offsets_are_contiguous_and_cover_the_scan()
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.FfmpegClipFrames()[0]);

        IReadOnlyList<byte[]> payloads = new JpegPacketizer(576).Packetize(frame);

        var scan = new List<byte>();
        foreach (byte[] payload in payloads)
        {
            JpegPayloadHeader header = JpegPayloadHeader.Parse(payload);
            header.FragmentOffset.Should().Be(scan.Count);
            scan.AddRange(payload[header.DataOffset..]);
        }

        scan.Should().Equal(frame.ScanData.ToArray());
        payloads.Count.Should().BeGreaterThan(3);
    }

    [Test]
    public void Main_header_fields_follow_RFC_2435_section_3_1()
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.FfmpegClipFrames()[0]);

        byte[] first = new JpegPacketizer().Packetize(frame)[0];

        first[0].Should().Be(0, "type-specific is 0");
        first[4].Should().Be(1, "4:2:0 is type 1");
        first[5].Should().Be(255, "Q=255: tables in-band");
        first[6].Should().Be(320 / 8);
        first[7].Should().Be(240 / 8);
    }

    [Test]
    public void Quantization_table_header_is_in_the_first_payload_only()
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(320, 240));

        IReadOnlyList<byte[]> payloads = new JpegPacketizer(576).Packetize(frame);

        JpegPayloadHeader first = JpegPayloadHeader.Parse(payloads[0]);
        first.HasQuantizationHeader.Should().BeTrue();
        first.QuantizationPrecision.Should().Be(0);
        first.QuantizationTablesLength.Should().Be(128);
        payloads[0].AsSpan(first.QuantizationTablesOffset, 64).ToArray().Should().Equal(frame.QuantizationTables[0]);
        payloads[0].AsSpan(first.QuantizationTablesOffset + 64, 64).ToArray().Should().Equal(frame.QuantizationTables[1]);
        payloads.Skip(1).Should().AllSatisfy(p =>
        {
            JpegPayloadHeader h = JpegPayloadHeader.Parse(p);
            h.HasQuantizationHeader.Should().BeFalse();
            h.DataOffset.Should().Be(JpegPayloadHeader.MainHeaderLength);
        });
    }

    [Test]
    public void Restart_header_is_in_every_payload_of_a_DRI_frame()
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(320, 240, restartInterval: 6));

        IReadOnlyList<byte[]> payloads = new JpegPacketizer(576).Packetize(frame);

        payloads.Should().AllSatisfy(p =>
        {
            JpegPayloadHeader h = JpegPayloadHeader.Parse(p);
            h.Type.Should().Be(65);
            h.HasRestartHeader.Should().BeTrue();
            h.RestartInterval.Should().Be(6);
            h.RestartFirst.Should().BeTrue();
            h.RestartLast.Should().BeTrue();
            h.RestartCount.Should().Be(0x3FFF);
        });
        // Restart header (4 bytes) right after the main header, before the table header.
        payloads[0][8..12].Should().Equal(0x00, 0x06, 0xFF, 0xFF);
    }

    [Test]
    public void Frame_without_DRI_has_no_restart_header()
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(320, 240));

        IReadOnlyList<byte[]> payloads = new JpegPacketizer(576).Packetize(frame);

        payloads.Should().AllSatisfy(p => JpegPayloadHeader.Parse(p).HasRestartHeader.Should().BeFalse());
        JpegPayloadHeader.Parse(payloads[0]).DataOffset.Should().Be(8 + 4 + 128);
    }

    [Test]
    public void Small_frame_is_one_payload_and_that_one_carries_the_marker()
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(16, 16, quality: 20));
        var packetizer = new JpegPacketizer(9000);

        packetizer.GetFragmentCount(frame).Should().Be(1);
        packetizer.Packetize(frame).Should().ContainSingle();
    }

    [Test]
    public void WriteFragment_writes_the_same_bytes_as_Packetize()
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(320, 240, restartInterval: 2));
        var packetizer = new JpegPacketizer(700);
        IReadOnlyList<byte[]> payloads = packetizer.Packetize(frame);
        var buffer = new byte[700];

        packetizer.GetFragmentCount(frame).Should().Be(payloads.Count);
        for (int i = 0; i < payloads.Count; i++)
        {
            int length = packetizer.WriteFragment(frame, i, buffer);
            buffer[..length].Should().Equal(payloads[i]);
        }
    }

    [Test]
    public void WriteFragment_into_a_too_small_buffer_is_an_argument_error()
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(320, 240));
        var packetizer = new JpegPacketizer(1400);

        Action write = () => packetizer.WriteFragment(frame, 0, new byte[1000]);
        Action outOfRange = () => packetizer.WriteFragment(frame, packetizer.GetFragmentCount(frame), new byte[1400]);

        write.Should().Throw<ArgumentException>();
        outOfRange.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Payload_limit_below_the_headers_is_refused()
    {
        Action tooSmall = () => _ = new JpegPacketizer(JpegPacketizer.MinimumPayloadSize - 1);

        tooSmall.Should().Throw<ArgumentOutOfRangeException>();
        new JpegPacketizer(JpegPacketizer.MinimumPayloadSize).MaxPayloadSize.Should().Be(145);
    }

    [Test]
    public void WriteFragment_allocates_nothing()
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(640, 480));
        var packetizer = new JpegPacketizer(1400);
        var buffer = new byte[1400];
        int count = packetizer.GetFragmentCount(frame);
        packetizer.WriteFragment(frame, 0, buffer); // JIT warm-up

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < count; i++)
        {
            packetizer.WriteFragment(frame, i, buffer);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
