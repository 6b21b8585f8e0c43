using Rtsp.Protocol.H26x;

namespace Rtsp.Protocol.Tests.H26x;

public class AnnexBSplitterTests
{
    [Test]
    public void Three_and_four_byte_start_codes_both_delimit_units()
    {
        byte[] stream = [0, 0, 0, 1, 0x67, 0x42, 0x00, 0x1E, 0, 0, 1, 0x68, 0xCE, 0, 0, 0, 1, 0x65, 0x88, 0x84];

        var units = AnnexBSplitter.Split(stream).Select(u => u.ToArray()).ToList();

        units.Should().HaveCount(3);
        units[0].Should().Equal(0x67, 0x42, 0x00, 0x1E);
        units[1].Should().Equal(0x68, 0xCE);
        units[2].Should().Equal(0x65, 0x88, 0x84);
    }

    [Test]
    public void Leading_garbage_and_trailing_zero_bytes_are_not_part_of_a_unit()
    {
        byte[] stream = [0xAB, 0xCD, 0, 0, 1, 0x09, 0xF0, 0, 0, 0, 0, 0, 1, 0x41, 0x9A, 0, 0];

        var units = AnnexBSplitter.Split(stream).Select(u => u.ToArray()).ToList();

        units.Should().HaveCount(2);
        units[0].Should().Equal(0x09, 0xF0);
        units[1].Should().Equal(0x41, 0x9A);
    }

    [Test]
    public void A_stream_without_start_code_has_no_units()
    {
        AnnexBSplitter.Split(new byte[] { 0x65, 0x88, 0, 0, 2 }).Should().BeEmpty();
        AnnexBSplitter.Split(ReadOnlyMemory<byte>.Empty).Should().BeEmpty();
        AnnexBSplitter.Split(new byte[] { 0, 0, 1 }).Should().BeEmpty();
    }

    [Test]
    public void Emulation_prevention_bytes_are_not_start_codes()
    {
        // 00 00 03 01 inside a unit is escaped payload (H.264 7.4.1), not a start code.
        byte[] stream = [0, 0, 0, 1, 0x65, 0x00, 0x00, 0x03, 0x01, 0x7F];

        var units = AnnexBSplitter.Split(stream).Select(u => u.ToArray()).ToList();

        units.Should().ContainSingle().Which.Should().Equal(0x65, 0x00, 0x00, 0x03, 0x01, 0x7F);
    }

    [Test]
    public void Write_then_split_gives_the_units_back()
    {
        byte[][] units = [[0x67, 1, 2, 3], [0x68, 4], [0x65, 5, 6, 7, 8]];
        using var stream = new MemoryStream();

        AnnexBSplitter.Write(stream, units.Select(u => (ReadOnlyMemory<byte>)u));

        AnnexBSplitter.Split(stream.ToArray()).Select(u => u.ToArray()).Should().BeEquivalentTo(units, o => o.WithStrictOrdering());
    }
}
