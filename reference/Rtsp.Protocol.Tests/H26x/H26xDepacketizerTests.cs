using Rtsp.Protocol.H26x;

namespace Rtsp.Protocol.Tests.H26x;

public class H26xDepacketizerTests
{
    private static readonly byte[] Slice264 = [0x65, 0x88, 0x84, 0x00, 0x33, 0xFF, 0x10, 0x20];
    private static readonly byte[] Sps264 = [0x67, 0x42, 0xC0, 0x1E, 0xD9, 0x00];
    private static readonly byte[] Pps264 = [0x68, 0xCE, 0x3C, 0x80];

    private sealed class Feed(H26xCodec codec)
    {
        public H26xDepacketizer Depacketizer { get; } = new(codec);

        public List<H26xAccessUnit> Units { get; } = [];

        public List<H26xProblem> Problems { get; } = [];

        public ushort Sequence { get; set; } = 1000;

        public Feed Send(uint timestamp, bool marker, params byte[][] payloads)
        {
            for (int i = 0; i < payloads.Length; i++)
            {
                var result = Depacketizer.Push(Sequence++, timestamp, marker && i == payloads.Length - 1, payloads[i]);
                Units.AddRange(result.Completed);
                Problems.AddRange(result.Problems);
            }

            return this;
        }

        public Feed Skip(int packets)
        {
            Sequence += (ushort)packets;
            return this;
        }
    }

    [TestCase(H26xCodec.H264)]
    [TestCase(H26xCodec.H265)]
    public void Real_clip_survives_single_aggregated_and_fragmented_packets_unchanged(H26xCodec codec)
    {
        var units = H26xClips.AccessUnits(codec);
        units.Should().HaveCount(10, "the clip has 10 frames");
        var feed = new Feed(codec);
        int packets = 0;
        for (int u = 0; u < units.Count; u++)
        {
            var payloads = H26xTestPacketizer.Packetize(codec, units[u], maxPayload: 300, aggregateBelow: 64);
            packets += payloads.Count;
            feed.Send((uint)(90_000 + u * 3600), true, [.. payloads]);
        }

        packets.Should().BeGreaterThan(units.Count * 2, "the clip must exercise fragmentation");
        feed.Problems.Should().BeEmpty();
        feed.Units.Should().HaveCount(units.Count);
        for (int u = 0; u < units.Count; u++)
        {
            feed.Units[u].NalUnits.Should().HaveCount(units[u].Count);
            for (int n = 0; n < units[u].Count; n++)
            {
                feed.Units[u].NalUnits[n].Should().Equal(units[u][n], $"NAL {n} of access unit {u}");
            }

            feed.Units[u].MarkerSeen.Should().BeTrue();
            feed.Units[u].Incomplete.Should().BeFalse();
            feed.Units[u].StartsPicture.Should().BeTrue();
        }

        feed.Units[0].HasRandomAccess.Should().BeTrue();
        feed.Units[0].HasSps.Should().BeTrue();
        feed.Units[0].HasPps.Should().BeTrue();
        feed.Units[0].HasVps.Should().Be(codec == H26xCodec.H265);
        feed.Units[1].HasRandomAccess.Should().BeFalse();
        feed.Depacketizer.CompleteAccessUnits.Should().Be(units.Count);
        var annexB = feed.Units[0].ToAnnexB();
        H26xClips.NalUnits(annexB).Should().HaveCount(units[0].Count);
        annexB[..4].Should().Equal(0, 0, 0, 1);
    }

    [Test]
    public void A_timestamp_change_ends_an_access_unit_without_a_marker()
    {
        var feed = new Feed(H26xCodec.H264).Send(3600, false, Sps264, Pps264, Slice264).Send(7200, true, Slice264);

        feed.Units.Should().HaveCount(2);
        feed.Units[0].MarkerSeen.Should().BeFalse();
        feed.Units[0].NalTypes.Should().Equal(7, 8, 5);
        feed.Units[0].PacketCount.Should().Be(3);
        feed.Units[1].MarkerSeen.Should().BeTrue();
        feed.Problems.Should().BeEmpty();
    }

    [TestCase(25)]
    [TestCase(26)]
    [TestCase(27)]
    [TestCase(29)]
    public void Interleaved_mode_types_are_rejected(int type)
    {
        var feed = new Feed(H26xCodec.H264).Send(3600, true, [(byte)(0x60 | type), 0x00, 0x04, 0x65, 0x88, 0x84, 0x00]);

        feed.Problems.Should().ContainSingle().Which.Reason.Should().Be(H26xRejectReason.InterleavedModeType);
        feed.Units.Should().ContainSingle().Which.Incomplete.Should().BeTrue();
        feed.Units[0].NalUnits.Should().BeEmpty();
    }

    [Test]
    public void Forbidden_bit_is_reported_and_the_nal_unit_still_delivered()
    {
        var feed = new Feed(H26xCodec.H264).Send(3600, true, [0xE5, 0x88, 0x84]);

        feed.Problems.Should().ContainSingle().Which.Reason.Should().Be(H26xRejectReason.ForbiddenBit);
        feed.Units.Should().ContainSingle().Which.NalUnits.Should().ContainSingle();
    }

    [Test]
    public void H265_forbidden_bit_in_an_aggregated_nal_unit_is_reported()
    {
        byte[] vps = [0x40, 0x01, 0x0C, 0x01];
        byte[] broken = [0xC2, 0x01, 0x01, 0x02]; // SPS with F = 1
        var feed = new Feed(H26xCodec.H265).Send(3600, true, H26xTestPacketizer.Aggregate(H26xCodec.H265, [vps, broken]));

        feed.Problems.Should().ContainSingle().Which.Reason.Should().Be(H26xRejectReason.ForbiddenBit);
    }

    [TestCase(H26xCodec.H264)]
    [TestCase(H26xCodec.H265)]
    public void Fu_with_start_and_end_bits_is_rejected(H26xCodec codec)
    {
        var fu = H26xTestPacketizer.Fragment(codec, Nal(codec, 200), 1000).Single();
        fu[NalUnitHeader.LengthOf(codec)] |= 0xC0;

        var feed = new Feed(codec).Send(3600, true, fu);

        feed.Problems.Should().ContainSingle().Which.Reason.Should().Be(H26xRejectReason.FragmentStartAndEnd);
        feed.Units.Single().NalUnits.Should().BeEmpty();
    }

    [TestCase(H26xCodec.H264)]
    [TestCase(H26xCodec.H265)]
    public void Fu_continuation_without_a_start_is_rejected_but_after_loss_it_is_not(H26xCodec codec)
    {
        var fus = H26xTestPacketizer.Fragment(codec, Nal(codec, 900), 300);
        fus.Should().HaveCountGreaterThan(2);

        var broken = new Feed(codec).Send(3600, true, [.. fus.Skip(1)]);
        var lossy = new Feed(codec).Skip(0);
        lossy.Send(1, true, Nal(codec, 10)).Skip(1).Send(3600, true, [.. fus.Skip(1)]);

        broken.Problems.Select(p => p.Reason).Should().Contain(H26xRejectReason.FragmentWithoutStart);
        lossy.Problems.Should().BeEmpty();
        lossy.Units[^1].PacketsLost.Should().BeTrue();
        lossy.Units[^1].Incomplete.Should().BeTrue();
        lossy.Depacketizer.LostFragments.Should().BeGreaterThan(0);
    }

    [TestCase(H26xCodec.H264)]
    [TestCase(H26xCodec.H265)]
    public void New_fu_start_before_the_previous_ended_is_rejected(H26xCodec codec)
    {
        var first = H26xTestPacketizer.Fragment(codec, Nal(codec, 900), 300);
        var second = H26xTestPacketizer.Fragment(codec, Nal(codec, 900), 300);

        var feed = new Feed(codec).Send(3600, true, [.. first.Take(first.Count - 1), .. second]);

        feed.Problems.Should().ContainSingle().Which.Reason.Should().Be(H26xRejectReason.FragmentNotEnded);
        feed.Units.Single().NalUnits.Should().ContainSingle("the second NAL unit is whole");
    }

    [TestCase(H26xCodec.H264)]
    [TestCase(H26xCodec.H265)]
    public void Fu_end_bit_missing_before_the_marker_is_rejected(H26xCodec codec)
    {
        var fus = H26xTestPacketizer.Fragment(codec, Nal(codec, 900), 300);

        var feed = new Feed(codec).Send(3600, true, [.. fus.Take(fus.Count - 1)]);

        feed.Problems.Should().ContainSingle().Which.Reason.Should().Be(H26xRejectReason.FragmentNotEnded);
        feed.Units.Single().Incomplete.Should().BeTrue();
    }

    [TestCase(H26xCodec.H264)]
    [TestCase(H26xCodec.H265)]
    public void Fu_continuing_under_another_timestamp_is_rejected(H26xCodec codec)
    {
        var fus = H26xTestPacketizer.Fragment(codec, Nal(codec, 900), 300);

        var feed = new Feed(codec).Send(3600, false, fus[0]).Send(7200, true, [.. fus.Skip(1)]);

        feed.Problems.Select(p => p.Reason).Should().Contain(H26xRejectReason.FragmentTimestampChanged);
        feed.Units.Should().HaveCount(2).And.OnlyContain(u => u.Incomplete);
    }

    [TestCase(H26xCodec.H264)]
    [TestCase(H26xCodec.H265)]
    public void Truncated_aggregation_and_zero_length_units_are_rejected(H26xCodec codec)
    {
        var aggregate = H26xTestPacketizer.Aggregate(codec, [Nal(codec, 20), Nal(codec, 30)]);
        var truncated = aggregate[..^5];
        var zero = (byte[])aggregate.Clone();
        zero[NalUnitHeader.LengthOf(codec)] = 0;
        zero[NalUnitHeader.LengthOf(codec) + 1] = 0;

        var cut = new Feed(codec).Send(3600, true, truncated);
        var empty = new Feed(codec).Send(3600, true, zero);

        cut.Problems.Should().ContainSingle().Which.Reason.Should().Be(H26xRejectReason.TruncatedAggregation);
        cut.Units.Single().NalUnits.Should().ContainSingle("the first unit is whole");
        empty.Problems.Select(p => p.Reason).Should().Contain(H26xRejectReason.ZeroLengthNal);
    }

    [Test]
    public void Reserved_h264_types_are_ignored_and_reported()
    {
        var feed = new Feed(H26xCodec.H264).Send(3600, true, [0x1E, 0x01], Slice264);

        feed.Problems.Should().ContainSingle().Which.Reason.Should().Be(H26xRejectReason.UndefinedType);
        feed.Units.Single().NalTypes.Should().Equal(5);
    }

    [Test]
    public void Duplicates_are_ignored_and_a_gap_marks_the_unit()
    {
        var d = new H26xDepacketizer(H26xCodec.H264);
        d.Push(10, 3600, false, Sps264);
        d.Push(10, 3600, false, Sps264).Should().Be(H26xPushResult.Empty);
        d.Push(12, 3600, false, Pps264);
        var done = d.Push(13, 3600, true, Slice264).Completed.Single();

        d.DuplicatePackets.Should().Be(1);
        done.PacketsLost.Should().BeTrue();
        done.NalTypes.Should().Equal(7, 8, 5);
        done.PacketCount.Should().Be(3);
    }

    [Test]
    public void Flush_returns_the_unit_in_progress()
    {
        var d = new H26xDepacketizer(H26xCodec.H264);
        d.Push(1, 3600, false, Slice264);

        var unit = d.Flush();

        unit.Should().NotBeNull();
        unit!.MarkerSeen.Should().BeFalse();
        d.Flush().Should().BeNull();
    }

    [Test]
    public void A_slice_that_does_not_start_a_picture_is_told()
    {
        var feed = new Feed(H26xCodec.H264).Send(3600, true, [0x41, 0x40, 0x11]); // first_mb_in_slice = 1 ("010")

        feed.Units.Single().StartsPicture.Should().BeFalse();
    }

    [Test]
    public void Random_payloads_never_throw()
    {
        var random = new Random(5);
        foreach (var codec in new[] { H26xCodec.H264, H26xCodec.H265 })
        {
            var d = new H26xDepacketizer(codec, maxAccessUnitSize: 4096);
            for (int i = 0; i < 20_000; i++)
            {
                var payload = new byte[random.Next(0, 64)];
                random.NextBytes(payload);
                var act = () => d.Push((ushort)(i + random.Next(0, 2)), (uint)(i / 5), random.Next(4) == 0, payload);
                act.Should().NotThrow();
            }
        }
    }

    private static byte[] Nal(H26xCodec codec, int length)
    {
        var nal = new byte[length];
        new Random(length).NextBytes(nal);
        if (codec == H26xCodec.H264)
        {
            nal[0] = 0x41; // non-IDR slice, NRI 2
        }
        else
        {
            nal[0] = 0x02; // TRAIL_R
            nal[1] = 0x01;
        }

        return nal;
    }
}
