using Rtsp.Protocol.H26x;

namespace Rtsp.Protocol.Tests.H26x;

public class H264PacketizerTests
{
    private static readonly byte[] Sps = [0x67, 0x64, 0x00, 0x1F, 0xAC, 0xD9, 0x40, 0x50];
    private static readonly byte[] Pps = [0x68, 0xEB, 0xE3, 0xCB, 0x22, 0xC0];

    private static readonly int[] Limits = [100, 576, 1400];

    [TestCaseSource(nameof(Limits))]
    public void Every_payload_respects_the_limit_and_the_units_come_back_in_order(int limit)
    {
        byte[][] units = [Sps, Pps, Unit(0x06, 30), Unit(0x65, 5000), Unit(0x65, limit)];

        var payloads = new H264Packetizer(limit).Packetize(Memories(units));

        payloads.Should().AllSatisfy(p => p.Length.Should().BeLessThanOrEqualTo(limit));
        Reassemble(payloads).Should().BeEquivalentTo(units, o => o.WithStrictOrdering());
    }

    [Test]
    public void A_unit_that_fits_goes_as_a_single_nal_unit_packet()
    {
        byte[] slice = Unit(0x41, 1400);

        var payloads = new H264Packetizer(1400).Packetize(Memories([slice]));

        payloads.Should().ContainSingle().Which.Should().Equal(slice);
    }

    [Test]
    public void A_larger_unit_goes_as_FU_A_with_start_on_the_first_and_end_on_the_last()
    {
        // NRI 3 (0x60) and type 5 (IDR): both must survive fragmentation (RFC 6184 5.8).
        byte[] idr = Unit(0x65, 3000);

        var payloads = new H264Packetizer(1000).Packetize(Memories([idr]));

        payloads.Should().HaveCount(4);
        payloads.Should().AllSatisfy(p =>
        {
            (p[0] & 0x1F).Should().Be(H264Packetizer.FuAType);
            (p[0] & 0x60).Should().Be(0x60);
            (p[1] & 0x1F).Should().Be(5);
            (p[1] & 0x20).Should().Be(0, "the R bit must be 0");
        });
        payloads.Select(p => (p[1] & 0x80) != 0).Should().Equal(true, false, false, false);
        payloads.Select(p => (p[1] & 0x40) != 0).Should().Equal(false, false, false, true);
        payloads.SkipLast(1).Should().AllSatisfy(p => p.Length.Should().Be(1000));
    }

    [Test]
    public void Parameter_sets_are_aggregated_in_one_STAP_A_with_the_highest_NRI()
    {
        byte[] lowNriSps = [0x27, .. Sps[1..]];

        var payloads = new H264Packetizer().Packetize(Memories([lowNriSps, Pps, Unit(0x65, 200)]));

        payloads.Should().HaveCount(2);
        payloads[0][0].Should().Be(0x60 | H264Packetizer.StapAType);
        payloads[0].Skip(1).Take(2).Should().Equal(0, (byte)lowNriSps.Length);
        payloads[0].Length.Should().Be(1 + 2 + lowNriSps.Length + 2 + Pps.Length);
    }

    [Test]
    public void Without_aggregation_parameter_sets_go_as_single_units()
    {
        var payloads = new H264Packetizer(aggregateParameterSets: false).Packetize(Memories([Sps, Pps, Unit(0x65, 200)]));

        payloads.Select(p => H264Packetizer.NalType(p)).Should().Equal(7, 8, 5);
    }

    [Test]
    public void Annex_B_input_gives_the_same_payloads_as_units()
    {
        byte[][] units = [Sps, Pps, Unit(0x65, 4000)];
        using var stream = new MemoryStream();
        AnnexBSplitter.Write(stream, Memories(units));

        var fromAnnexB = new H264Packetizer().PacketizeAnnexB(stream.ToArray());

        fromAnnexB.Should().BeEquivalentTo(new H264Packetizer().Packetize(Memories(units)), o => o.WithStrictOrdering());
    }

    [Test]
    public void Too_small_a_limit_is_refused()
    {
        var create = () => new H264Packetizer(2);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }

    /// <summary>A NAL unit of <paramref name="length"/> bytes with header <paramref name="header"/> and a counting body.</summary>
    private static byte[] Unit(byte header, int length)
    {
        var unit = new byte[length];
        unit[0] = header;
        for (int i = 1; i < length; i++)
        {
            unit[i] = (byte)(i * 7 + 1);
        }

        return unit;
    }

    private static IReadOnlyList<ReadOnlyMemory<byte>> Memories(IEnumerable<byte[]> units) => [.. units.Select(u => (ReadOnlyMemory<byte>)u)];

    /// <summary>Round trip through H1's depacketizer: one access unit, its NAL units back, no problem reported.</summary>
    private static List<byte[]> Reassemble(IReadOnlyList<byte[]> payloads)
    {
        var depacketizer = new H26xDepacketizer(H26xCodec.H264);
        var units = new List<H26xAccessUnit>();
        for (int i = 0; i < payloads.Count; i++)
        {
            var result = depacketizer.Push((ushort)i, 90000, i == payloads.Count - 1, payloads[i]);
            result.Problems.Should().BeEmpty();
            units.AddRange(result.Completed);
        }

        return units.Should().ContainSingle("the marker ends the access unit").Subject.NalUnits.ToList();
    }
}
