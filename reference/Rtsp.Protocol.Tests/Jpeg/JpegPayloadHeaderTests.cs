using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Tests.Jpeg;

/// <summary>Hand-assembled payloads, field by field from RFC 2435 §3.1.</summary>
public class JpegPayloadHeaderTests
{
    [Test]
    public void Main_header_fields()
    {
        byte[] payload = [0x00, 0x01, 0x02, 0x03, 0x01, 0x4B, 0x50, 0x3C, 0xAA, 0xBB];

        JpegPayloadHeader h = JpegPayloadHeader.Parse(payload);

        h.TypeSpecific.Should().Be(0);
        h.FragmentOffset.Should().Be(0x010203);
        h.Type.Should().Be(1);
        h.Q.Should().Be(75);
        h.Width.Should().Be(640);
        h.Height.Should().Be(480);
        h.HasRestartHeader.Should().BeFalse();
        h.HasQuantizationHeader.Should().BeFalse("Q below 128 has no table header");
        h.DataOffset.Should().Be(8);
    }

    [Test]
    public void Restart_header_for_types_64_to_127()
    {
        byte[] payload = [0x00, 0x00, 0x10, 0x00, 0x41, 0x32, 0x28, 0x1E, 0x00, 0x0A, 0x80, 0x05, 0xAA];

        JpegPayloadHeader h = JpegPayloadHeader.Parse(payload);

        h.HasRestartHeader.Should().BeTrue();
        h.RestartInterval.Should().Be(10);
        h.RestartFirst.Should().BeTrue();
        h.RestartLast.Should().BeFalse();
        h.RestartCount.Should().Be(5);
        h.DataOffset.Should().Be(12);
    }

    [Test]
    public void Quantization_table_header_at_offset_0_with_Q_of_128_or_more()
    {
        byte[] payload = [0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0x28, 0x1E, 0x00, 0x00, 0x00, 0x80, .. new byte[128], 0xAA];

        JpegPayloadHeader h = JpegPayloadHeader.Parse(payload);

        h.HasQuantizationHeader.Should().BeTrue();
        h.QuantizationTablesOffset.Should().Be(12);
        h.QuantizationTablesLength.Should().Be(128);
        h.DataOffset.Should().Be(140);
    }

    [Test]
    public void No_table_header_after_offset_0_even_with_Q_255()
    {
        byte[] payload = [0x00, 0x00, 0x05, 0x00, 0x00, 0xFF, 0x28, 0x1E, 0xAA];

        JpegPayloadHeader.Parse(payload).DataOffset.Should().Be(8);
    }

    [TestCase(new byte[] { 0, 0, 0, 0, 1, 50, 40 }, "shorter than the 8-byte main JPEG header")]
    [TestCase(new byte[] { 0, 0, 0, 0, 65, 50, 40, 30, 0, 1 }, "restart marker header")]
    [TestCase(new byte[] { 0, 0, 0, 0, 1, 255, 40, 30, 0, 0 }, "quantization table header")]
    [TestCase(new byte[] { 0, 0, 0, 0, 1, 255, 40, 30, 0, 0, 0, 128, 1, 2, 3 }, "runs past the end")]
    public void Short_payloads_are_format_errors(byte[] payload, string expected)
    {
        Action parse = () => JpegPayloadHeader.Parse(payload);

        parse.Should().Throw<ProtocolFormatException>().WithMessage($"*{expected}*");
    }
}
