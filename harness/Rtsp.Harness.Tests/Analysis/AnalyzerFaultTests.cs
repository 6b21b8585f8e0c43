using Rtsp.Harness.Analysis;
using Rtsp.Harness.Checks;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>
/// Every analyzer check on a clean synthetic session passes, and each fault — one broken rule, as the reference
/// server's --fault switches break them — fails the check made for it and no other MUST check.
/// </summary>
public sealed class AnalyzerFaultTests
{
    public sealed record Fault(string Name, bool OverTcp, string ExpectedCheck, Action<SyntheticSession> Break, int Frames = 150, string[]? AlsoMust = null, int RestartInterval = 0)
    {
        public override string ToString() => $"{Name} ({(OverTcp ? "tcp" : "udp")}) -> {ExpectedCheck}";
    }

    private static IEnumerable<Fault> Faults()
    {
        foreach (bool tcp in new[] { false, true })
        {
            yield return new("rtp-version", tcp, "rtp.header.version", s => FramePackets(s, 10).ForEach(p => p.Packet.Version = 1));
            yield return new("payload-type", tcp, "rtp.header.payload-type", s => s.Rtp.ForEach(p => p.Packet.PayloadType = 96));
            yield return new("ssrc-change", tcp, "rtp.ssrc.constant", s => s.Rtp.Where(p => p.Frame >= 50).ToList().ForEach(p => p.Packet.Ssrc = 0xDEADBEEF));
            yield return new("ssrc-not-announced-one", tcp, "rtp.ssrc.transport", s => s.AnnouncedSsrc = 0x01020304);
            yield return new("ts-jump", tcp, "rtp.ts.frame-delta", s => s.Rtp.Where(p => p.Frame >= 40).ToList().ForEach(p => p.Packet.Timestamp += 90000));
            yield return new("ts-backwards", tcp, "rtp.ts.monotonic", s => FramePackets(s, 40).ForEach(p => p.Packet.Timestamp -= 3600 * 3));
            yield return new("clock-rate", tcp, "rtp.ts.clock-rate", s => s.Rtp.ForEach(p => p.Packet.Timestamp = SyntheticSession.FirstTimestamp + (uint)(p.Frame * 1800)));
            yield return new("clock-rate-sdp", tcp, "rtp.ts.clock-rate", s => s.Sdp = s.Sdp.Replace("JPEG/90000", "JPEG/8000"));
            yield return new("rtpinfo-mismatch", tcp, "rtp.rtpinfo.match", s => s.RtpInfo = $"url=rtsp://127.0.0.1:8554/clip/track1;seq={SyntheticSession.FirstSequence + 5};rtptime={SyntheticSession.FirstTimestamp}");
            yield return new("no-marker", tcp, "jpeg.marker", s => s.Rtp.ForEach(p => p.Packet.Marker = false));
            yield return new("marker-every-packet", tcp, "jpeg.marker", s => s.Rtp.ForEach(p => p.Packet.Marker = true));
            yield return new("fragment-offset", tcp, "jpeg.fragments.offsets", s => SetOffset(FramePackets(s, 20)[1], +8));
            yield return new("jpeg-type", tcp, "jpeg.type", s => FramePackets(s, 20).ForEach(p => SetByte(p, 4, 3)));
            yield return new("jpeg-q-reserved", tcp, "jpeg.qtables", s => FramePackets(s, 20).ForEach(p => SetByte(p, 5, 110)));
            yield return new("jpeg-header-changes", tcp, "jpeg.fragments.consistent", s => SetByte(FramePackets(s, 20)[1], 6, 30));
            yield return new("jpeg-zero-width", tcp, "jpeg.dimensions", s => FramePackets(s, 20).ForEach(p => SetByte(p, 6, 0)));
            yield return new("burst", tcp, "timing.burst", s => Retime(s, f => f is >= 51 and <= 54 ? FrameTime(s, 50) + (f - 50) * 1_000_000 : null));
            yield return new("late-frames", tcp, "timing.late-frames", s => Retime(s, f => f % 25 == 0 && f > 0 ? FrameTime(s, f) + 30_000_000 : null));
            yield return new("drift", tcp, "timing.drift", s => Retime(s, f => FrameTime(s, 0) + (long)((FrameTime(s, f) - FrameTime(s, 0)) * 1.02)));
            yield return new("pause-ignored", tcp, "rtsp.pause.silence", s => s.ExtraEvents.Add(SyntheticSession.Event("PAUSE", FrameTime(s, 60) + 5_000_000)));
            yield return new("teardown-ignored", tcp, "rtsp.teardown.silence", s => s.TeardownNs = FrameTime(s, 100));
            yield return new("no-rtcp", tcp, "rtcp.sr.interval", s => s.SendRtcp = false, Frames: 260);
            yield return new("sr-rtptime", tcp, "rtcp.sr.ntp-rtp", s => s.EditSenderReport = r => r.RtpTimestamp += 45000, Frames: 200);
            yield return new("sr-counts", tcp, "rtcp.sr.counts", s => s.EditSenderReport = r => r.PacketCount += 40, Frames: 200);
            yield return new("sr-no-cname", tcp, "rtcp.compound", s => s.SendCname = false, Frames: 200);
            yield return new("no-bye", tcp, "rtcp.bye", s => s.SendBye = false);
        }

        yield return new("padding-count", false, "rtp.header.padding", s => s.EditWire = (p, w) => p.Frame == 10 ? SetBits(w, 0, 0x20, last: 0) : null);
        yield return new("extension-overrun", false, "rtp.header.length", s => s.EditWire = (p, w) => p.Frame == 10 ? ExtensionOverrun(w) : null);
        yield return new("extension-unnegotiated", false, "rtp.header.extension", s => FramePackets(s, 10).ForEach(p => { p.Packet.Extension = true; p.Packet.ExtensionProfile = 0xBEDE; p.Packet.ExtensionData = new byte[4]; }));
        yield return new("restart-interval-zero", false, "jpeg.restart-header", s => FramePackets(s, 20).ForEach(p => { SetByte(p, 8, 0); SetByte(p, 9, 0); }), RestartInterval: 4);
        yield return new("scan-corrupt", false, "jpeg.decode", s => CorruptScan(FramePackets(s, 20)[1]));
        yield return new("initial-zero", false, "rtp.seq.initial-random", s =>
        {
            s.Rtp.ForEach(p => { p.Packet.SequenceNumber -= SyntheticSession.FirstSequence; p.Packet.Timestamp -= SyntheticSession.FirstTimestamp; });
            s.RtpInfo = "url=rtsp://127.0.0.1:8554/clip/track1;seq=0;rtptime=0";
        });
        yield return new("play-without-media", false, "media.play.flows", s => { s.Rtp.Clear(); s.TeardownNs = s.PlayResponseNs + 3_000_000_000; });
        yield return new("seq-gap", false, "rtp.seq.loss", s => Renumber(s, 300, +1));
        yield return new("seq-gap", true, "rtp.seq.continuity", s => Renumber(s, 300, +1));
        yield return new("seq-duplicate", false, "rtp.seq.duplicates", s => Duplicate(s, 300));
        yield return new("seq-duplicate", true, "rtp.seq.continuity", s => Duplicate(s, 300));
        yield return new("seq-reorder", false, "rtp.seq.reorder", s => SwapTimes(s, 300, 301));
        yield return new("seq-reorder", true, "rtp.seq.continuity", s => SwapTimes(s, 300, 301));
        yield return new("drop-fragment", false, "jpeg.frame.complete", s => s.Rtp.Remove(FramePackets(s, 20)[1]));
        // Over TCP a missing packet is also a sequence gap, which TCP forbids: two MUST findings for one fault.
        yield return new("drop-fragment", true, "jpeg.frame.complete", s => s.Rtp.Remove(FramePackets(s, 20)[1]), AlsoMust: ["rtp.seq.continuity"]);
    }

    [Test]
    [TestCase(false)]
    [TestCase(true)]
    public void A_clean_session_fails_no_check(bool overTcp)
    {
        var result = MediaAnalysis.Run(new SyntheticSession(overTcp, frames: 260).ToInput());

        result.Results.Where(r => r.Verdict == Verdict.Fail).Select(r => $"{r.Check.Id}: {r.Evidence}").Should().BeEmpty();
        var judged = result.Results.Where(r => r.Verdict == Verdict.Pass).Select(r => r.Check.Id).ToList();
        judged.Should().Contain([
            "rtp.header.version", "rtp.header.payload-type", "rtp.ssrc.constant", "rtp.ssrc.transport", "rtp.ts.clock-rate",
            "rtp.ts.frame-delta", "rtp.ts.monotonic", "rtp.rtpinfo.match", "jpeg.marker", "jpeg.fragments.offsets",
            "jpeg.frame.complete", "jpeg.decode", "timing.burst", "timing.late-frames", "timing.drift", "rtcp.sr.interval",
            "rtcp.sr.ntp-rtp", "rtcp.sr.counts", "rtcp.compound", "rtcp.bye", "rtsp.teardown.silence", "media.play.flows",
            overTcp ? "rtp.seq.continuity" : "rtp.seq.loss"]);
        result.FirstFrameJpeg.Should().NotBeNull();
        result.Series.Keys.Should().Contain(["frame_interval_ms", "jitter_ms", "bitrate_kbps"]);
    }

    [TestCaseSource(nameof(Faults))]
    public void A_fault_fails_its_check_and_no_other_must(Fault fault)
    {
        var session = new SyntheticSession(fault.OverTcp, fault.Frames, restartInterval: fault.RestartInterval);
        fault.Break(session);

        var results = MediaAnalysis.Run(session.ToInput()).Results;

        results.Should().Contain(r => r.Check.Id == fault.ExpectedCheck && r.Verdict == Verdict.Fail,
            $"the {fault.Name} fault breaks {fault.ExpectedCheck}");
        var failed = results.Single(r => r.Check.Id == fault.ExpectedCheck);
        failed.Evidence.Should().NotBeNullOrWhiteSpace();
        results.Where(r => r.Verdict == Verdict.Fail && r.Check.Level == CheckLevel.Must && r.Check.Id != fault.ExpectedCheck
                && !(fault.AlsoMust ?? []).Contains(r.Check.Id))
            .Select(r => $"{r.Check.Id}: {r.Evidence}").Should().BeEmpty();
    }

    [Test]
    public void A_clean_session_with_restart_markers_passes_the_restart_checks()
    {
        var results = MediaAnalysis.Run(new SyntheticSession(overTcp: false, frames: 30, restartInterval: 4).ToInput()).Results;

        results.Where(r => r.Verdict == Verdict.Fail).Select(r => $"{r.Check.Id}: {r.Evidence}").Should().BeEmpty();
        results.Single(r => r.Check.Id == "jpeg.restart-header").Verdict.Should().Be(Verdict.Pass);
        results.Single(r => r.Check.Id == "jpeg.decode").Verdict.Should().Be(Verdict.Pass);
    }

    [Test]
    public void Packets_larger_than_the_path_mtu_fail_the_mtu_check()
    {
        var session = new SyntheticSession(overTcp: false, frames: 20, maxPayload: 1600);

        var results = MediaAnalysis.Run(session.ToInput()).Results;

        results.Single(r => r.Check.Id == "jpeg.payload.mtu").Verdict.Should().Be(Verdict.Fail);
    }

    [Test]
    public void A_pause_that_is_honoured_passes_and_play_resumes()
    {
        var session = new SyntheticSession(overTcp: false, frames: 150);
        long pause = FrameTime(session, 60) + 5_000_000;
        long resume = pause + 1_000_000_000;
        session.ExtraEvents.Add(SyntheticSession.Event("PAUSE", pause));
        session.ExtraEvents.Add(SyntheticSession.Event("PLAY", resume, ("RTP-Info", $"url=rtsp://127.0.0.1:8554/clip/track1;seq={(ushort)session.Rtp.First(p => p.Frame == 61).Packet.SequenceNumber};rtptime={SyntheticSession.FirstTimestamp + 61 * 3600}")));
        Retime(session, f => f > 60 ? FrameTime(session, f) + 1_010_000_000 : null);
        session.TeardownNs = session.Rtp.Max(p => p.TimeNs) + 20_000_000;

        var results = MediaAnalysis.Run(session.ToInput()).Results;

        results.Where(r => r.Verdict == Verdict.Fail).Select(r => $"{r.Check.Id}: {r.Evidence}").Should().BeEmpty();
        results.Single(r => r.Check.Id == "rtsp.pause.silence").Verdict.Should().Be(Verdict.Pass);
        results.Single(r => r.Check.Id == "rtp.rtpinfo.match").Verdict.Should().Be(Verdict.Pass);
    }

    [Test]
    public void Ffmpeg_hole_punch_packets_to_the_server_are_not_media()
    {
        var input = new SyntheticSession(overTcp: false, frames: 30).ToInput();
        var punch = new RtpPacket { PayloadType = 0, SequenceNumber = 0, Timestamp = 0, Ssrc = 0 }.ToArray();
        var packets = input.Packets.Prepend(new Packets.StreamPacket(0, SyntheticSession.Start, Packets.PacketKind.Rtp, Packets.PacketDirection.ToServer, false,
            SyntheticSession.ClientAddress, SyntheticSession.ClientRtpPort, SyntheticSession.ServerAddress, SyntheticSession.ServerRtpPort, null, punch)).ToList();

        var results = MediaAnalysis.Run(input with { Packets = packets }).Results;

        results.Where(r => r.Verdict == Verdict.Fail).Select(r => r.Check.Id).Should().BeEmpty();
    }

    [Test]
    public void Every_check_in_the_catalogue_has_a_unique_id_a_clause_and_a_title()
    {
        var catalogue = AnalysisPipeline.Catalogue;

        catalogue.Select(c => c.Id).Should().OnlyHaveUniqueItems();
        catalogue.Should().OnlyContain(c => c.Clause.StartsWith("RFC ", StringComparison.Ordinal) && c.Title.Length > 10);
        catalogue.Count.Should().BeGreaterThan(35);
    }

    internal static List<SentRtp> FramePackets(SyntheticSession s, int frame) => s.Rtp.Where(p => p.Frame == frame).ToList();

    internal static long FrameTime(SyntheticSession s, int frame) => s.Rtp.Where(p => p.Frame == frame).Min(p => p.TimeNs);

    /// <summary>Moves whole frames: <paramref name="newStart"/> gives a frame's new start time, or null to keep it.</summary>
    internal static void Retime(SyntheticSession s, Func<int, long?> newStart)
    {
        var starts = s.Rtp.GroupBy(p => p.Frame).ToDictionary(g => g.Key, g => g.Min(p => p.TimeNs));
        foreach (var packet in s.Rtp)
        {
            if (newStart(packet.Frame) is { } start)
            {
                packet.TimeNs = start + (packet.TimeNs - starts[packet.Frame]);
            }
        }
    }

    private static void Renumber(SyntheticSession s, int fromIndex, int by)
    {
        for (int i = fromIndex; i < s.Rtp.Count; i++)
        {
            s.Rtp[i].Packet.SequenceNumber = (ushort)(s.Rtp[i].Packet.SequenceNumber + by);
        }
    }

    private static void Duplicate(SyntheticSession s, int index)
    {
        var original = s.Rtp[index];
        s.Rtp.Insert(index + 1, original with { TimeNs = original.TimeNs + 10_000 });
    }

    private static void SwapTimes(SyntheticSession s, int a, int b) => (s.Rtp[a].TimeNs, s.Rtp[b].TimeNs) = (s.Rtp[b].TimeNs, s.Rtp[a].TimeNs);

    private static void SetByte(SentRtp packet, int index, byte value)
    {
        var payload = packet.Packet.Payload.ToArray();
        payload[index] = value;
        packet.Packet.Payload = payload;
    }

    private static byte[] SetBits(byte[] wire, int index, byte bits, byte last)
    {
        wire[index] |= bits;
        wire[^1] = last;
        return wire;
    }

    // X=1 with an extension header claiming 0xFFFF words: longer than the packet.
    private static byte[] ExtensionOverrun(byte[] wire)
    {
        wire[0] |= 0x10;
        wire[14] = 0xFF;
        wire[15] = 0xFF;
        return wire;
    }

    // An unstuffed marker in the middle of the entropy-coded data.
    private static void CorruptScan(SentRtp packet)
    {
        var payload = packet.Packet.Payload.ToArray();
        payload[200] = 0xFF;
        payload[201] = 0xC4;
        packet.Packet.Payload = payload;
    }

    private static void SetOffset(SentRtp packet, int delta)
    {
        var payload = packet.Packet.Payload.ToArray();
        int offset = ((payload[1] << 16) | (payload[2] << 8) | payload[3]) + delta;
        payload[1] = (byte)(offset >> 16);
        payload[2] = (byte)(offset >> 8);
        payload[3] = (byte)offset;
        packet.Packet.Payload = payload;
    }
}
