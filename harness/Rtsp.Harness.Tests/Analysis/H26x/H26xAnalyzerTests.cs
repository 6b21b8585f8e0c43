using Rtsp.Harness.Analysis;
using Rtsp.Harness.Checks;
using Rtsp.Protocol.H26x;

namespace Rtsp.Harness.Tests.Analysis.H26x;

/// <summary>
/// The h264.* and h265.* checks on sessions built in memory from real libx264/libx265 output: a clean session passes
/// every one of them (and every media check), and each fault — one broken rule of RFC 6184 / RFC 7798 — fails the
/// check made for it and no other MUST check. Decoding is off here (it runs ffmpeg: see <see cref="H26xDecodeTests"/>).
/// </summary>
public sealed class H26xAnalyzerTests
{
    public sealed record Fault(string Name, H26xCodec Codec, string ExpectedCheck, Action<SyntheticSession> Break, int MaxPayload = 1000)
    {
        public override string ToString() => $"{Name} ({Codec}) -> {ExpectedCheck}";
    }

    private static IEnumerable<Fault> Faults()
    {
        foreach (var codec in new[] { H26xCodec.H264, H26xCodec.H265 })
        {
            string p = Prefix(codec);
            int fuHeader = NalUnitHeader.LengthOf(codec);
            yield return new("fu-start-missing", codec, $"{p}.fu.boundaries", s => FirstFragment(s, codec).ForEach(f => H26xSession.EditPayload(f, b => b[fuHeader] &= 0x7F)));
            yield return new("fu-end-missing", codec, $"{p}.fu.boundaries", s => H26xSession.EditPayload(LastFragment(s, codec), b => b[fuHeader] &= 0xBF));
            yield return new("fu-start-and-end", codec, $"{p}.fu.boundaries", s => H26xSession.EditPayload(LastFragment(s, codec), b => b[fuHeader] |= 0xC0));
            yield return new("marker-absent", codec, $"{p}.marker", s => s.Rtp.ForEach(r => r.Packet.Marker = false));
            yield return new("marker-on-first-packet", codec, $"{p}.marker", s => H26xSession.Unit(s, H26xSession.FragmentedFrame(s, codec))[0].Packet.Marker = true);
            yield return new("fu-spans-two-timestamps", codec, $"{p}.timestamp-per-au", s =>
                H26xSession.Unit(s, H26xSession.FragmentedFrame(s, codec)).SkipWhile(r => !H26xSession.IsFragment(codec, r)).Skip(1).ToList().ForEach(r => r.Packet.Timestamp += 1800));
            yield return new("parameter-sets-own-timestamp", codec, $"{p}.timestamp-per-au", s => H26xSession.Unit(s, 5)[0].Packet.Timestamp -= 1800);
            yield return new("forbidden-bit", codec, $"{p}.forbidden-bit", s => H26xSession.EditPayload(H26xSession.Unit(s, 7)[^1], b => b[0] |= 0x80));
            yield return new("reserved-nal-type", codec, $"{p}.nal-types", s => InsertBefore(s, 7, codec == H26xCodec.H264 ? [0x1E, 0x55] : [0x52, 0x01, 0x55]));
            yield return new("sprop-inconsistent", codec, $"{p}.parameter-sets", s => s.Sdp = H26xSession.Sdp(codec, H26xSession.Fmtp(codec, AlteredSps(codec))));
            yield return new("sprop-not-base64", codec, $"{p}.parameter-sets", s =>
                s.Sdp = H26xSession.Sdp(codec, codec == H26xCodec.H264 ? "packetization-mode=1;sprop-parameter-sets=Z0@@,aM4=" : "sprop-vps=QAE@@"));
            yield return new("no-parameter-sets", codec, $"{p}.parameter-sets", s => RemoveParameterSets(s, codec, lose: false));
            yield return new("aggregation-truncated", codec, $"{p}.packetization", s => H26xSession.EditPayload(Aggregate(s, codec), b => b[fuHeader + 1] += 40));
            yield return new("mtu", codec, $"{p}.payload.mtu", _ => { }, MaxPayload: 1600);
        }

        yield return new("stap-b", H26xCodec.H264, "h264.packetization", s => H26xSession.EditPayload(Aggregate(s, H26xCodec.H264), b => b[0] = (byte)((b[0] & 0xE0) | 25)));
        yield return new("fu-b", H26xCodec.H264, "h264.packetization", s => FirstFragment(s, H26xCodec.H264).ForEach(f => H26xSession.EditPayload(f, b => b[0] = (byte)((b[0] & 0xE0) | 29))));
        yield return new("mode-0-with-fu-a", H26xCodec.H264, "h264.packetization", s => s.Sdp = s.Sdp.Replace("packetization-mode=1;", "", StringComparison.Ordinal));
    }

    [TestCase(H26xCodec.H264, false)]
    [TestCase(H26xCodec.H264, true)]
    [TestCase(H26xCodec.H265, false)]
    [TestCase(H26xCodec.H265, true)]
    public void Clean_session_passes_every_payload_check_and_jpeg_checks_do_not_apply(H26xCodec codec, bool overTcp)
    {
        var session = H26xSession.Build(codec, overTcp);

        var results = MediaAnalysis.Run(session.ToInput() with { DecodeFrames = false }).Results;

        var own = results.Where(r => r.Check.Id.StartsWith(Prefix(codec) + ".", StringComparison.Ordinal)).ToList();
        own.Should().HaveCount(9);
        var expected = own.Where(r => r.Check.Id != $"{Prefix(codec)}.decode" && !(overTcp && r.Check.Id.EndsWith(".payload.mtu", StringComparison.Ordinal)));
        expected.Should().OnlyContain(r => r.Verdict == Verdict.Pass, string.Join("\n", own.Select(r => $"{r.Check.Id} {r.Verdict}: {r.Evidence}")));
        results.Where(r => r.Verdict == Verdict.Fail).Select(r => $"{r.Check.Id}: {r.Evidence}").Should().BeEmpty();
        var other = codec == H26xCodec.H264 ? "h265." : "h264.";
        results.Where(r => r.Check.Id.StartsWith("jpeg.", StringComparison.Ordinal) || r.Check.Id.StartsWith(other, StringComparison.Ordinal))
            .Should().OnlyContain(r => r.Verdict == Verdict.NotApplicable && r.Evidence.Contains($"{(codec == H26xCodec.H264 ? "H264" : "H265")}/90000 (pt 96)"));
    }

    [TestCaseSource(nameof(Faults))]
    public void Each_fault_fails_its_check_and_no_other_must(Fault fault)
    {
        var session = H26xSession.Build(fault.Codec, maxPayload: fault.MaxPayload);
        fault.Break(session);

        var results = MediaAnalysis.Run(session.ToInput() with { DecodeFrames = false }).Results;

        var target = results.Single(r => r.Check.Id == fault.ExpectedCheck);
        target.Verdict.Should().Be(Verdict.Fail, target.Evidence);
        TestContext.Out.WriteLine($"{fault.ExpectedCheck}: {target.Evidence}");
        results.Where(r => r.Verdict == Verdict.Fail && r.Check.Level == CheckLevel.Must && r.Check.Id != fault.ExpectedCheck)
            .Select(r => $"{r.Check.Id}: {r.Evidence}").Should().BeEmpty();
    }

    [Test]
    public void Loss_inside_a_fragmented_nal_unit_is_not_a_payload_violation()
    {
        var session = H26xSession.Build(H26xCodec.H264);
        var unit = H26xSession.Unit(session, H26xSession.FragmentedFrame(session, H26xCodec.H264));
        session.Rtp.Remove(unit[1]);

        var results = MediaAnalysis.Run(session.ToInput() with { DecodeFrames = false }).Results;

        results.Where(r => r.Check.Id.StartsWith("h264.", StringComparison.Ordinal)).Should().OnlyContain(r => r.Verdict != Verdict.Fail);
        results.Single(r => r.Check.Id == "rtp.seq.loss").Verdict.Should().Be(Verdict.Fail, "loss is judged by the sequence checks alone");
    }

    [TestCase(H26xCodec.H264)]
    [TestCase(H26xCodec.H265)]
    public void Parameter_sets_in_a_lost_packet_are_not_a_violation(H26xCodec codec)
    {
        var session = H26xSession.Build(codec);
        RemoveParameterSets(session, codec, lose: true);

        var results = MediaAnalysis.Run(session.ToInput() with { DecodeFrames = false }).Results;

        results.Single(r => r.Check.Id == $"{Prefix(codec)}.parameter-sets").Verdict.Should().NotBe(Verdict.Fail);
    }

    [Test]
    public void Unknown_payload_format_leaves_payload_checks_not_applicable_and_rtp_checks_running()
    {
        var session = H26xSession.Build(H26xCodec.H264);
        session.Sdp = session.Sdp.Replace("H264/90000", "MP4V-ES/90000", StringComparison.Ordinal);

        var results = MediaAnalysis.Run(session.ToInput() with { DecodeFrames = false }).Results;

        results.Where(r => r.Check.Id.Split('.')[0] is "h264" or "h265" or "jpeg")
            .Should().OnlyContain(r => r.Verdict == Verdict.NotApplicable && r.Evidence.Contains("MP4V-ES/90000 (pt 96)"));
        results.Single(r => r.Check.Id == "rtp.header.version").Verdict.Should().Be(Verdict.Pass);
        results.Where(r => r.Verdict == Verdict.Fail).Should().BeEmpty();
    }

    private static string Prefix(H26xCodec codec) => codec == H26xCodec.H264 ? "h264" : "h265";

    // The fragmentation units of one NAL unit: the first of a fragmented picture (a frame after the first GOP's IDR).
    private static List<SentRtp> FirstFragment(SyntheticSession s, H26xCodec codec) =>
        [H26xSession.Unit(s, H26xSession.FragmentedFrame(s, codec)).First(p => H26xSession.IsFragment(codec, p))];

    private static SentRtp LastFragment(SyntheticSession s, H26xCodec codec) =>
        H26xSession.Unit(s, H26xSession.FragmentedFrame(s, codec)).Last(p => H26xSession.IsFragment(codec, p));

    private static SentRtp Aggregate(SyntheticSession s, H26xCodec codec) =>
        s.Rtp.Skip(10).First(p => NalUnitHeader.Parse(codec, p.Packet.Payload.Span).Type == NalUnitTypes.Aggregation(codec));

    // No sprop-* in the SDP, and the aggregation packets of parameter sets before the second IDR/IRAP (frame 5)
    // replaced by an SEI (or lost); the first IDR/IRAP opens the play segment, where loss cannot be told.
    private static void RemoveParameterSets(SyntheticSession s, H26xCodec codec, bool lose)
    {
        s.Sdp = H26xSession.Sdp(codec, codec == H26xCodec.H264 ? "packetization-mode=1" : "profile-id=1");
        foreach (int frame in new[] { 0, 5 })
        {
            var sets = H26xSession.Unit(s, frame).First(p => NalUnitHeader.Parse(codec, p.Packet.Payload.Span).Type == NalUnitTypes.Aggregation(codec));
            if (lose && frame == 5)
            {
                s.Rtp.Remove(sets);
                continue;
            }

            sets.Packet.Payload = codec == H26xCodec.H264 ? new byte[] { 0x06, 0x05, 0x01, 0x00, 0x80 } : new byte[] { 0x4E, 0x01, 0x05, 0x01, 0x00, 0x80 };
        }
    }

    private static void InsertBefore(SyntheticSession s, int frame, byte[] nal)
    {
        var first = H26xSession.Unit(s, frame)[0];
        int index = s.Rtp.IndexOf(first);
        foreach (var later in s.Rtp.Skip(index))
        {
            later.Packet.SequenceNumber++;
        }

        s.Rtp.Insert(index, new SentRtp(new Protocol.Rtp.RtpPacket
        {
            PayloadType = 96,
            SequenceNumber = (ushort)(first.Packet.SequenceNumber - 1),
            Timestamp = first.Packet.Timestamp,
            Ssrc = first.Packet.Ssrc,
            Payload = nal,
        }, first.TimeNs - 10_000, frame));
    }

    // The clip's SPS with another level_idc (H.264 byte 3; H.265 general_level_idc, byte 14): still an SPS with id 0,
    // different from the one in band.
    private static List<byte[]> AlteredSps(H26xCodec codec)
    {
        var sets = H26xSession.ParameterSets(codec);
        int sps = codec == H26xCodec.H264 ? 0 : 1;
        sets[sps] = (byte[])sets[sps].Clone();
        sets[sps][codec == H26xCodec.H264 ? 3 : 14] ^= 0x08;
        return sets;
    }
}
