using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Tests.Jpeg;

public class JpegDepacketizerTests
{
    private const int Limit = 400;

    private static (JpegFrameInfo Frame, byte[] Original, IReadOnlyList<byte[]> Payloads) Sample(int seed = 1, int restartInterval = 0)
    {
        byte[] original = TestFrames.EncodePattern(160, 96, seed: seed, restartInterval: restartInterval);
        JpegFrameInfo frame = JpegFrameInfo.Parse(original);
        IReadOnlyList<byte[]> payloads = new JpegPacketizer(Limit).Packetize(frame);
        payloads.Count.Should().BeGreaterThan(3, "the tests need a frame of several fragments");
        return (frame, original, payloads);
    }

    /// <summary>Pushes the payloads listed by index, with sequence numbers base + index (so a skipped index is a gap).</summary>
    private static List<JpegFrameResult> Push(JpegDepacketizer depacketizer, IReadOnlyList<byte[]> payloads, IEnumerable<int> order, ushort sequenceBase, uint timestamp)
    {
        var results = new List<JpegFrameResult>();
        foreach (int i in order)
        {
            JpegFrameResult? result = depacketizer.Push((ushort)(sequenceBase + i), timestamp, i == payloads.Count - 1, payloads[i]);
            if (result is not null)
            {
                results.Add(result);
            }
        }

        return results;
    }

    [Test]
    public void Lost_middle_fragment_drops_that_frame_and_the_next_still_completes()
    {
        var (_, _, payloads) = Sample();
        var (_, nextOriginal, nextPayloads) = Sample(seed: 2);
        var depacketizer = new JpegDepacketizer();

        var first = Push(depacketizer, payloads, Enumerable.Range(0, payloads.Count).Where(i => i != 2), 100, 1000);
        var second = Push(depacketizer, nextPayloads, Enumerable.Range(0, nextPayloads.Count), (ushort)(100 + payloads.Count), 4600);

        first.Should().BeEmpty();
        second.Should().ContainSingle();
        TestFrames.ShouldDecodeIdentically(second[0].Jpeg, nextOriginal);
        depacketizer.IncompleteFrames.Should().Be(1);
        depacketizer.CompleteFrames.Should().Be(1);
        depacketizer.LastDropReason.Should().Be(JpegFrameDropReason.SequenceGap);
    }

    [Test]
    public void Reordered_fragments_drop_the_frame_once()
    {
        var (_, _, payloads) = Sample();
        var depacketizer = new JpegDepacketizer();
        int[] order = [0, 2, 1, .. Enumerable.Range(3, payloads.Count - 3)];

        Push(depacketizer, payloads, order, 7, 1000).Should().BeEmpty();

        depacketizer.IncompleteFrames.Should().Be(1, "a reordered frame counts once, not once per late packet");
        depacketizer.CompleteFrames.Should().Be(0);
    }

    [Test]
    public void Duplicated_fragments_are_ignored_and_the_frame_completes()
    {
        var (_, original, payloads) = Sample();
        var depacketizer = new JpegDepacketizer();
        int last = payloads.Count - 1;
        int[] order = [0, 0, 1, 2, 1, .. Enumerable.Range(3, payloads.Count - 3), last];

        var results = Push(depacketizer, payloads, order, 500, 1000);

        results.Should().ContainSingle();
        TestFrames.ShouldDecodeIdentically(results[0].Jpeg, original);
        depacketizer.DuplicatePackets.Should().Be(3);
        depacketizer.IncompleteFrames.Should().Be(0);
    }

    [Test]
    public void Lost_first_fragment_is_reported_as_such()
    {
        var (_, _, payloads) = Sample();
        var depacketizer = new JpegDepacketizer();

        Push(depacketizer, payloads, Enumerable.Range(1, payloads.Count - 1), 0, 1000).Should().BeEmpty();

        depacketizer.IncompleteFrames.Should().Be(1);
        depacketizer.LastDropReason.Should().Be(JpegFrameDropReason.MissingFirstFragment);
    }

    [Test]
    public void Lost_marker_packet_is_noticed_when_the_next_frame_starts()
    {
        var (_, _, payloads) = Sample();
        var (_, nextOriginal, nextPayloads) = Sample(seed: 3);
        var depacketizer = new JpegDepacketizer();

        Push(depacketizer, payloads, Enumerable.Range(0, payloads.Count - 1), 0, 1000).Should().BeEmpty();
        depacketizer.IncompleteFrames.Should().Be(0, "the frame may still complete");
        var next = Push(depacketizer, nextPayloads, Enumerable.Range(0, nextPayloads.Count), (ushort)payloads.Count, 4600);

        depacketizer.IncompleteFrames.Should().Be(1);
        next.Should().ContainSingle();
        TestFrames.ShouldDecodeIdentically(next[0].Jpeg, nextOriginal);
    }

    [Test]
    public void Offset_gap_with_consecutive_sequence_numbers_drops_the_frame()
    {
        var (_, _, payloads) = Sample();
        var depacketizer = new JpegDepacketizer();
        int last = payloads.Count - 1;

        // The sender skipped fragment 1 but numbered its packets without a gap.
        for (int i = 0, sequence = 0; i <= last; i++)
        {
            if (i != 1)
            {
                depacketizer.Push((ushort)sequence++, 1000, i == last, payloads[i]).Should().BeNull();
            }
        }

        depacketizer.IncompleteFrames.Should().Be(1);
        depacketizer.LastDropReason.Should().Be(JpegFrameDropReason.OffsetMismatch);
    }

    [Test]
    public void Late_copy_of_the_marker_packet_after_completion_is_a_duplicate_not_a_lost_frame()
    {
        var (_, _, payloads) = Sample();
        var depacketizer = new JpegDepacketizer();
        int last = payloads.Count - 1;

        Push(depacketizer, payloads, Enumerable.Range(0, payloads.Count), 0, 1000).Should().ContainSingle();
        depacketizer.Push((ushort)last, 1000, true, payloads[last]).Should().BeNull();

        depacketizer.IncompleteFrames.Should().Be(0);
        depacketizer.DuplicatePackets.Should().Be(1);
    }

    [Test]
    public void Late_marker_packet_of_the_previous_frame_does_not_break_the_current_one()
    {
        var (_, _, a) = Sample();
        var (_, bOriginal, b) = Sample(seed: 5);
        var depacketizer = new JpegDepacketizer();
        int aLast = a.Count - 1;
        ushort bBase = (ushort)a.Count;

        Push(depacketizer, a, Enumerable.Range(0, aLast), 0, 1000).Should().BeEmpty();
        depacketizer.Push(bBase, 4600, false, b[0]).Should().BeNull();
        depacketizer.Push((ushort)aLast, 1000, true, a[aLast]).Should().BeNull("it arrives after the next frame started");
        var results = Push(depacketizer, b, Enumerable.Range(1, b.Count - 1), bBase, 4600);

        results.Should().ContainSingle();
        TestFrames.ShouldDecodeIdentically(results[0].Jpeg, bOriginal);
        depacketizer.IncompleteFrames.Should().Be(1, "only the frame whose marker came too late");
        depacketizer.DuplicatePackets.Should().Be(1);
    }

    [Test]
    public void Frames_that_share_one_timestamp_still_complete()
    {
        // A sender with a stuck clock: RFC 2435 frames are told apart by the marker bit too.
        var (_, _, payloads) = Sample();
        var depacketizer = new JpegDepacketizer();

        Push(depacketizer, payloads, Enumerable.Range(0, payloads.Count), 0, 1000).Should().ContainSingle();
        Push(depacketizer, payloads, Enumerable.Range(0, payloads.Count), (ushort)payloads.Count, 1000).Should().ContainSingle();

        depacketizer.CompleteFrames.Should().Be(2);
    }

    [Test]
    public void Sequence_jumping_far_back_is_a_restarted_sender_not_a_late_packet()
    {
        var (_, original, payloads) = Sample();
        var depacketizer = new JpegDepacketizer();

        Push(depacketizer, payloads, Enumerable.Range(0, payloads.Count), 5000, 1000).Should().ContainSingle();
        var afterRestart = Push(depacketizer, payloads, Enumerable.Range(0, payloads.Count), 10, 77);

        afterRestart.Should().ContainSingle();
        TestFrames.ShouldDecodeIdentically(afterRestart[0].Jpeg, original);
    }

    [Test]
    public void Sequence_numbers_wrapping_inside_a_frame_are_consecutive()
    {
        var (_, original, payloads) = Sample();
        var depacketizer = new JpegDepacketizer();

        var results = Push(depacketizer, payloads, Enumerable.Range(0, payloads.Count), 65534, 1000);

        results.Should().ContainSingle();
        TestFrames.ShouldDecodeIdentically(results[0].Jpeg, original);
    }

    [Test]
    public void Restart_interval_comes_back_as_a_DRI_segment()
    {
        var (frame, original, payloads) = Sample(restartInterval: 3);
        var depacketizer = new JpegDepacketizer();

        JpegFrameResult result = Push(depacketizer, payloads, Enumerable.Range(0, payloads.Count), 0, 1000).Single();

        result.Type.Should().Be(65);
        result.RestartInterval.Should().Be(3);
        JpegFrameInfo.Parse(result.Jpeg).RestartInterval.Should().Be(3);
        JpegFrameInfo.Parse(result.Jpeg).ScanData.ToArray().Should().Equal(frame.ScanData.ToArray());
        TestFrames.ShouldDecodeIdentically(result.Jpeg, original);
    }

    [TestCase(10)]
    [TestCase(50)]
    [TestCase(75)]
    [TestCase(99)]
    public void Q_1_to_99_rebuilds_the_Appendix_A_tables_libjpeg_uses_for_that_quality(int q)
    {
        // libjpeg scales the T.81 K.1/K.2 tables exactly as RFC 2435 Appendix A does, so an OpenCV frame of
        // quality q can be sent with Q=q and no tables, and must decode to the same pixels.
        byte[] original = TestFrames.EncodePattern(160, 96, quality: q);
        JpegFrameInfo frame = JpegFrameInfo.Parse(original);
        byte[][] expected = JpegQuantizationTables.FromQ(q);
        frame.QuantizationTables[0].Should().Equal(expected[0]);
        frame.QuantizationTables[1].Should().Equal(expected[1]);

        byte[][] payloads = WithQ(frame, (byte)q, keepTables: false);
        var depacketizer = new JpegDepacketizer();
        JpegFrameResult result = Push(depacketizer, payloads, Enumerable.Range(0, payloads.Length), 0, 1000).Single();

        result.Q.Should().Be((byte)q);
        TestFrames.ShouldDecodeIdentically(result.Jpeg, original);
    }

    [Test]
    public void Q_128_to_254_tables_are_remembered_for_later_frames_with_length_zero()
    {
        byte[] original = TestFrames.EncodePattern(160, 96, quality: 65);
        JpegFrameInfo frame = JpegFrameInfo.Parse(original);
        var depacketizer = new JpegDepacketizer();
        byte[][] withTables = WithQ(frame, 200, keepTables: true);
        byte[][] withoutTables = WithQ(frame, 200, keepTables: false);

        Push(depacketizer, withTables, Enumerable.Range(0, withTables.Length), 0, 1000).Should().ContainSingle();
        JpegFrameResult second = Push(depacketizer, withoutTables, Enumerable.Range(0, withoutTables.Length), 100, 4600).Single();

        TestFrames.ShouldDecodeIdentically(second.Jpeg, original);
    }

    [TestCase(200)]
    [TestCase(255)]
    public void Table_length_zero_without_earlier_tables_drops_the_frame(int q)
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(160, 96));
        byte[][] payloads = WithQ(frame, (byte)q, keepTables: false);
        var depacketizer = new JpegDepacketizer();

        Push(depacketizer, payloads, Enumerable.Range(0, payloads.Length), 0, 1000).Should().BeEmpty();

        depacketizer.IncompleteFrames.Should().Be(1);
        depacketizer.LastDropReason.Should().Be(JpegFrameDropReason.MissingQuantizationTables);
    }

    [TestCase(0)]
    [TestCase(100)]
    [TestCase(127)]
    public void Reserved_Q_is_an_unsupported_frame(int q)
    {
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(160, 96));
        byte[][] payloads = WithQ(frame, (byte)q, keepTables: false);
        var depacketizer = new JpegDepacketizer();

        Push(depacketizer, payloads, Enumerable.Range(0, payloads.Length), 0, 1000).Should().BeEmpty();

        depacketizer.UnsupportedFrames.Should().Be(1);
        depacketizer.IncompleteFrames.Should().Be(0);
        depacketizer.LastDropReason.Should().Be(JpegFrameDropReason.ReservedQ);
    }

    [TestCase(2)]
    [TestCase(63)]
    [TestCase(66)]
    [TestCase(128)]
    public void Types_other_than_0_1_64_65_are_unsupported_frames(int type)
    {
        // Types 64..127 carry a restart header: start from a frame that has one.
        var (_, _, payloads) = Sample(restartInterval: type is >= 64 and <= 127 ? 2 : 0);
        byte[][] retyped = payloads.Select(p => p.ToArray()).ToArray();
        foreach (byte[] p in retyped)
        {
            p[4] = (byte)type;
        }

        var depacketizer = new JpegDepacketizer();
        Push(depacketizer, retyped, Enumerable.Range(0, retyped.Length), 0, 1000).Should().BeEmpty();

        depacketizer.UnsupportedFrames.Should().Be(1);
        depacketizer.LastDropReason.Should().Be(JpegFrameDropReason.UnsupportedType);
    }

    [TestCase(6)]
    [TestCase(7)]
    public void Width_or_height_zero_is_an_unsupported_frame(int field)
    {
        var (_, _, payloads) = Sample();
        byte[][] copy = payloads.Select(p => p.ToArray()).ToArray();
        foreach (byte[] p in copy)
        {
            p[field] = 0;
        }

        var depacketizer = new JpegDepacketizer();
        Push(depacketizer, copy, Enumerable.Range(0, copy.Length), 0, 1000).Should().BeEmpty();

        depacketizer.UnsupportedFrames.Should().Be(1);
        depacketizer.LastDropReason.Should().Be(JpegFrameDropReason.ZeroSize);
    }

    [Test]
    public void Every_single_byte_change_in_the_headers_of_a_frame_gives_a_frame_or_a_counted_drop()
    {
        // Exhaustive over the main, restart and table headers of the first and the second payload: each byte
        // set to 0x00, 0xFF and its bit complement. Push must never throw.
        var (_, _, payloads) = Sample(restartInterval: 2);
        int checkedCases = 0;
        foreach (int packet in new[] { 0, 1 })
        {
            int headerLength = packet == 0 ? 8 + 4 + 4 + 128 : 8 + 4;
            for (int at = 0; at < headerLength; at++)
            {
                foreach (Func<byte, byte> change in new Func<byte, byte>[] { _ => 0x00, _ => 0xFF, b => (byte)~b })
                {
                    byte[][] copy = payloads.Select(p => p.ToArray()).ToArray();
                    copy[packet][at] = change(copy[packet][at]);
                    var depacketizer = new JpegDepacketizer();

                    var results = Push(depacketizer, copy, Enumerable.Range(0, copy.Length), 0, 1000);

                    (results.Count + depacketizer.IncompleteFrames + depacketizer.UnsupportedFrames).Should().Be(1, $"packet {packet} byte {at}");
                    checkedCases++;
                }
            }
        }

        checkedCases.Should().Be(3 * ((8 + 4 + 4 + 128) + (8 + 4)));
    }

    [Test]
    public void Sixteen_bit_tables_are_an_unsupported_frame()
    {
        var (_, _, payloads) = Sample();
        byte[][] copy = payloads.Select(p => p.ToArray()).ToArray();
        copy[0][9] = 0x01; // precision bit of table 0

        var depacketizer = new JpegDepacketizer();
        Push(depacketizer, copy, Enumerable.Range(0, copy.Length), 0, 1000).Should().BeEmpty();

        depacketizer.UnsupportedFrames.Should().Be(1);
        depacketizer.LastDropReason.Should().Be(JpegFrameDropReason.UnsupportedPrecision);
    }

    [Test]
    public void Header_change_inside_a_frame_drops_it()
    {
        var (_, _, payloads) = Sample();
        byte[][] copy = payloads.Select(p => p.ToArray()).ToArray();
        copy[2][6] = 99; // width changes mid-frame

        var depacketizer = new JpegDepacketizer();
        Push(depacketizer, copy, Enumerable.Range(0, copy.Length), 0, 1000).Should().BeEmpty();

        depacketizer.LastDropReason.Should().Be(JpegFrameDropReason.HeaderChanged);
    }

    [Test]
    public void Payload_too_short_for_its_headers_is_counted_not_thrown()
    {
        var depacketizer = new JpegDepacketizer();

        depacketizer.Push(1, 1000, true, new byte[] { 0, 0, 0 }).Should().BeNull();
        depacketizer.Push(2, 2000, true, new byte[] { 0, 0, 0, 0, 64, 255, 40, 30 }).Should().BeNull(); // type 64 without restart header

        depacketizer.InvalidPackets.Should().Be(2);
        depacketizer.IncompleteFrames.Should().Be(2);
        depacketizer.LastDropReason.Should().Be(JpegFrameDropReason.MalformedPayload);
    }

    [Test]
    public void Frame_larger_than_the_limit_is_dropped()
    {
        var (_, _, payloads) = Sample();
        var depacketizer = new JpegDepacketizer(maxFrameSize: 500);

        Push(depacketizer, payloads, Enumerable.Range(0, payloads.Count), 0, 1000).Should().BeEmpty();

        depacketizer.LastDropReason.Should().Be(JpegFrameDropReason.TooLarge);
    }

    [Test]
    public void An_EOI_already_at_the_end_of_the_scan_is_not_doubled()
    {
        var (frame, original, _) = Sample();
        var withEoi = new JpegFrameInfo(frame.Width, frame.Height, frame.Type, frame.QuantizationTables, 0, (byte[])[.. frame.ScanData.Span, 0xFF, 0xD9]);
        byte[][] payloads = [.. new JpegPacketizer(Limit).Packetize(withEoi)];

        JpegFrameResult result = Push(new JpegDepacketizer(), payloads, Enumerable.Range(0, payloads.Length), 0, 1000).Single();

        result.Jpeg[^4..].Should().NotEqual(new byte[] { 0xFF, 0xD9, 0xFF, 0xD9 });
        result.Jpeg[^2..].Should().Equal(0xFF, 0xD9);
        TestFrames.ShouldDecodeIdentically(result.Jpeg, original);
    }

    /// <summary>The frame's payloads rewritten to carry <paramref name="q"/>, with or without the table header.</summary>
    private static byte[][] WithQ(JpegFrameInfo frame, byte q, bool keepTables)
    {
        IReadOnlyList<byte[]> payloads = new JpegPacketizer(Limit).Packetize(frame);
        var result = new byte[payloads.Count][];
        for (int i = 0; i < payloads.Count; i++)
        {
            byte[] p = payloads[i].ToArray();
            p[5] = q;
            if (i == 0 && !(keepTables && q >= 128))
            {
                // Drop the 128 table bytes; keep a zero-length table header when Q >= 128 (RFC 2435 §3.1.8).
                byte[] data = p[(8 + 4 + 128)..];
                p = q >= 128 ? [.. p[..8], 0, 0, 0, 0, .. data] : [.. p[..8], .. data];
            }

            result[i] = p;
        }

        return result;
    }
}
