using Rtsp.Protocol.H26x;
using Rtsp.Protocol.Headers;
using Rtsp.Server.Faults;
using Rtsp.Server.Transport;

namespace Rtsp.Server.Tests.Unit;

public class H264PayloadFaultsTests
{
    private static readonly byte[] AccessUnit = AnnexB([0x67, 0x64, 0x00, 0x0D, 0xAC], [0x68, 0xEB, 0xE3], Filled(0x65, 3000), Filled(0x41, 200));

    [Test]
    public void Without_faults_the_payloads_are_the_packetizers()
    {
        var packetizer = new H264Packetizer(1400);

        new H264PayloadFaults(FaultSet.None).Packetize(packetizer, AccessUnit)
            .Should().BeEquivalentTo(packetizer.PacketizeAnnexB(AccessUnit), o => o.WithStrictOrdering());
    }

    [Test]
    public void Fu_no_start_clears_only_the_S_bit()
    {
        var clean = new H264Packetizer(1400).PacketizeAnnexB(AccessUnit);

        var faulty = new H264PayloadFaults(FaultSet.Parse(["h264-fu-no-start"])).Packetize(new H264Packetizer(1400), AccessUnit);

        faulty.Should().HaveSameCount(clean);
        var fuHeaders = faulty.Where(p => (p[0] & 0x1F) == H264Packetizer.FuAType).Select(p => p[1]).ToList();
        fuHeaders.Should().HaveCount(3).And.OnlyContain(h => (h & 0x80) == 0);
        faulty.Zip(clean).Should().OnlyContain(pair => pair.First.Length == pair.Second.Length
            && pair.First.Skip(2).SequenceEqual(pair.Second.Skip(2)) && (pair.First[1] | 0x80) == (pair.Second[1] | 0x80));
    }

    [Test]
    public void Fu_no_end_clears_only_the_E_bit()
    {
        var faulty = new H264PayloadFaults(FaultSet.Parse(["h264-fu-no-end"])).Packetize(new H264Packetizer(1400), AccessUnit);

        var fuHeaders = faulty.Where(p => (p[0] & 0x1F) == H264Packetizer.FuAType).Select(p => p[1]).ToList();
        fuHeaders.Select(h => (h & 0x80) != 0).Should().Equal(true, false, false);
        fuHeaders.Should().OnlyContain(h => (h & 0x40) == 0);
    }

    [Test]
    public void No_parameter_sets_drops_SPS_and_PPS_and_nothing_else()
    {
        var faulty = new H264PayloadFaults(FaultSet.Parse(["h264-no-parameter-sets"])).Packetize(new H264Packetizer(1400), AccessUnit);

        faulty.Select(p => p[0] & 0x1F).Should().Equal(28, 28, 28, 1);
    }

    [Test]
    public void Ts_per_packet_sink_adds_the_index_within_the_access_unit()
    {
        var inner = new RecordingSink();
        var sink = new TimestampPerPacketSink(inner);

        foreach (var (marker, index) in new[] { (false, 0), (false, 1), (true, 2), (false, 3), (true, 4) })
            sink.SendRtp(Packet(1000, marker, (ushort)index));

        inner.Timestamps.Should().Equal(1000u, 1001u, 1002u, 1000u, 1001u);
        inner.Sequences.Should().Equal(0, 1, 2, 3, 4);
    }

    private static byte[] Packet(uint timestamp, bool marker, ushort sequence) =>
        new Rtsp.Protocol.Rtp.RtpPacket { PayloadType = 96, Marker = marker, Timestamp = timestamp, SequenceNumber = sequence, Payload = new byte[] { 0x41, 1, 2 } }.ToArray();

    private static byte[] Filled(byte header, int length)
    {
        var unit = Enumerable.Range(0, length).Select(i => (byte)(i * 13 + 1)).ToArray();
        unit[0] = header;
        return unit;
    }

    private static byte[] AnnexB(params byte[][] units)
    {
        using var stream = new MemoryStream();
        AnnexBSplitter.Write(stream, units.Select(u => (ReadOnlyMemory<byte>)u));
        return stream.ToArray();
    }

    private sealed class RecordingSink : IRtpSink
    {
        public List<uint> Timestamps { get; } = [];

        public List<int> Sequences { get; } = [];

        public TransportSpec ReplyTransport => throw new NotSupportedException();

        public long Dropped => 0;

        public bool IsOverflowed => false;

        public bool SendRtp(ReadOnlySpan<byte> packet)
        {
            var parsed = Rtsp.Protocol.Rtp.RtpPacket.Parse(packet.ToArray());
            Timestamps.Add(parsed.Timestamp);
            Sequences.Add(parsed.SequenceNumber);
            return true;
        }

        public bool SendRtcp(ReadOnlySpan<byte> packet) => true;

        public void StartReceivingRtcp(Action<ReadOnlyMemory<byte>> received)
        {
        }

        public void Dispose()
        {
        }
    }
}
