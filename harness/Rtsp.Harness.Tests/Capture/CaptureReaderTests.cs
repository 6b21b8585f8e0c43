using System.Text;
using LinkLayers = PacketDotNet.LinkLayers;
using Rtsp.Harness.Capture;
using Rtsp.Harness.Packets;
using Rtsp.Protocol.Rtp;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Tests.Capture;

/// <summary>Capture files written in the test, read back: classification, TCP reassembly, `$` splitting, formats.</summary>
public sealed class CaptureReaderTests
{
    private const string Client = "127.0.0.1";
    private const string Server = "127.0.0.2";
    private const long T0 = 1_764_000_000_123_456_789;
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.2\r\ns=x\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\na=control:track1\r\n";

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("capture-reader-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Udp_media_is_classified_by_the_ports_the_setup_negotiated_and_timestamps_keep_nanoseconds()
    {
        var capture = new CaptureFileBuilder();
        uint clientSeq = 1000, serverSeq = 5000;
        Exchange(capture, T0, ref clientSeq, ref serverSeq, "DESCRIBE rtsp://s/clip RTSP/1.0\r\nCSeq: 1\r\n\r\n",
            $"RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Type: application/sdp\r\nContent-Length: {Sdp.Length}\r\n\r\n{Sdp}");
        Exchange(capture, T0 + 1_000_000, ref clientSeq, ref serverSeq,
            "SETUP rtsp://s/clip/track1 RTSP/1.0\r\nCSeq: 2\r\nTransport: RTP/AVP;unicast;client_port=50000-50001\r\n\r\n",
            "RTSP/1.0 200 OK\r\nCSeq: 2\r\nSession: 42\r\nTransport: RTP/AVP;unicast;client_port=50000-50001;server_port=6970-6971\r\n\r\n");
        capture.Udp(T0 + 2_000_001, Client, 50000, Server, 6970, Rtp(0, 0)); // ffmpeg's hole punch (SSRC 0)
        capture.Udp(T0 + 3_000_007, Server, 6970, Client, 50000, Rtp(100, 7));
        capture.Udp(T0 + 3_000_009, Server, 6971, Client, 50001, [0x80, 200, 0, 6, .. new byte[24]]);
        capture.Udp(T0 + 3_000_011, Client, 50001, Server, 6971, [0x80, 201, 0, 1, 0, 0, 0, 1]);
        capture.Udp(T0 + 3_000_013, Server, 53, Client, 4000, Rtp(1, 1)); // unrelated traffic on other ports
        string path = Path.Combine(_folder, "udp.pcap");
        capture.WritePcap(path);

        var contents = CaptureReader.Read(path);

        contents.LinkType.Should().Be(1);
        contents.SdpText.Should().Be(Sdp);
        contents.Packets.Select(p => (p.Kind, p.Direction)).Should().Equal(
            (PacketKind.RtspRequest, PacketDirection.ToServer), (PacketKind.RtspResponse, PacketDirection.FromServer),
            (PacketKind.RtspRequest, PacketDirection.ToServer), (PacketKind.RtspResponse, PacketDirection.FromServer),
            (PacketKind.Rtp, PacketDirection.ToServer), (PacketKind.Rtp, PacketDirection.FromServer),
            (PacketKind.Rtcp, PacketDirection.FromServer), (PacketKind.Rtcp, PacketDirection.ToServer));
        var media = contents.Packets.Single(p => p.Kind == PacketKind.Rtp && p.Direction == PacketDirection.FromServer);
        media.TimestampNs.Should().Be(T0 + 3_000_007);
        media.Number.Should().Be(6);
        RtpPacket.Parse(media.Data).SequenceNumber.Should().Be(100);
        contents.Events.Select(e => (e.Method, e.StatusCode)).Should().Equal(("DESCRIBE", 200), ("SETUP", 200));
        contents.Events[1].ResponseHeader("Session").Should().Be("42");
    }

    [Test]
    public void Interleaved_frames_split_across_out_of_order_and_retransmitted_segments_are_reassembled()
    {
        var capture = new CaptureFileBuilder();
        uint clientSeq = 1000, serverSeq = 5000;
        capture.Tcp(T0 - 2, Client, 40000, Server, 8554, clientSeq - 1, [], flags: 0x02); // SYN
        capture.Tcp(T0 - 1, Server, 8554, Client, 40000, serverSeq - 1, [], flags: 0x12); // SYN-ACK
        Exchange(capture, T0, ref clientSeq, ref serverSeq,
            "SETUP rtsp://s/clip/track1 RTSP/1.0\r\nCSeq: 2\r\nTransport: RTP/AVP/TCP;unicast;interleaved=4-5\r\n\r\n",
            "RTSP/1.0 200 OK\r\nCSeq: 2\r\nSession: 42\r\nTransport: RTP/AVP/TCP;unicast;interleaved=4-5;ssrc=0000002A\r\n\r\n");
        Exchange(capture, T0 + 1_000_000, ref clientSeq, ref serverSeq, "PLAY rtsp://s/clip RTSP/1.0\r\nCSeq: 3\r\nSession: 42\r\n\r\n",
            "RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: 42\r\nRTP-Info: url=rtsp://s/clip/track1;seq=100;rtptime=7\r\n\r\n");
        // Three RTP frames and an RTCP frame in one server byte stream, cut at awkward places.
        var stream = new List<byte>();
        for (ushort i = 0; i < 3; i++)
        {
            stream.AddRange(InterleavedFrame.Encode(4, Rtp((ushort)(100 + i), 7 + i * 3600u, payload: 300)));
        }

        stream.AddRange(InterleavedFrame.Encode(5, [0x80, 200, 0, 6, .. new byte[24]]));
        var bytes = stream.ToArray();
        int[] cuts = [2, 150, 330, 700, bytes.Length];
        var segments = new List<(uint Seq, byte[] Data)>();
        for (int i = 0, start = 0; i < cuts.Length; start = cuts[i], i++)
        {
            segments.Add((serverSeq + (uint)start, bytes[start..cuts[i]]));
        }

        long t = T0 + 2_000_000;
        // Order on the wire: 0, 2 (early), 1 (fills the hole), 1 again (retransmission), 3, 4.
        foreach (int i in new[] { 0, 2, 1, 1, 3, 4 })
        {
            capture.Tcp(t += 1000, Server, 8554, Client, 40000, segments[i].Seq, segments[i].Data);
        }

        string path = Path.Combine(_folder, "tcp.pcap");
        capture.WritePcap(path);

        var contents = CaptureReader.Read(path);

        var frames = contents.Packets.Where(p => p.Channel is not null).ToList();
        frames.Select(p => (p.Kind, p.Channel, p.Direction, p.OverTcp)).Should().Equal(
            (PacketKind.Rtp, 4, PacketDirection.FromServer, true), (PacketKind.Rtp, 4, PacketDirection.FromServer, true),
            (PacketKind.Rtp, 4, PacketDirection.FromServer, true), (PacketKind.Rtcp, 5, PacketDirection.FromServer, true));
        frames.Take(3).Select(p => (int)RtpPacket.Parse(p.Data).SequenceNumber).Should().Equal(100, 101, 102);
        // The first RTP frame completes in the segment that filled the hole (the 3rd segment on the wire).
        frames[0].Number.Should().Be(9);
        frames[0].TimestampNs.Should().Be(T0 + 2_000_000 + 3000);
        contents.TcpRetransmissions.Should().BeGreaterThan(0);
        contents.Warnings.Should().BeEmpty();
        contents.Events.Single(e => e.Method == "PLAY").ResponseHeader("RTP-Info").Should().Contain("seq=100");
    }

    [Test]
    public void A_segment_the_capture_missed_is_a_warning_and_the_stream_resynchronises_after_it()
    {
        var capture = new CaptureFileBuilder();
        uint clientSeq = 1000, serverSeq = 5000;
        Exchange(capture, T0, ref clientSeq, ref serverSeq, "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n", "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
        var frames = Enumerable.Range(0, 4).Select(i => InterleavedFrame.Encode(0, Rtp((ushort)(10 + i), 0, payload: 200))).ToList();
        uint seq = serverSeq;
        long t = T0 + 1_000_000;
        for (int i = 0; i < frames.Count; i++)
        {
            if (i != 1)
            {
                capture.Tcp(t += 1000, Server, 8554, Client, 40000, seq, frames[i]); // frame 1 never captured
            }

            seq += (uint)frames[i].Length;
        }

        string path = Path.Combine(_folder, "gap.pcap");
        capture.WritePcap(path);

        var contents = CaptureReader.Read(path);

        contents.TcpMissingBytes.Should().Be(frames[1].Length);
        contents.Warnings.Should().ContainSingle(w => w.Contains("missing", StringComparison.Ordinal));
        contents.Packets.Where(p => p.Kind == PacketKind.Rtp).Select(p => (int)RtpPacket.Parse(p.Data).SequenceNumber).Should().Equal(10, 12, 13);
    }

    [TestCase(LinkLayers.LinuxSll, "127.0.0.1", "127.0.0.2")]
    [TestCase((LinkLayers)12, "127.0.0.1", "127.0.0.2")] // DLT_RAW as libpcap names it on Linux (LINKTYPE_RAW 101 in the file)
    [TestCase(LinkLayers.Ethernet, "::1", "fe80::2")]
    public void Other_link_types_and_ipv6_are_read(LinkLayers linkType, string client, string server)
    {
        var capture = new CaptureFileBuilder(linkType);
        capture.Udp(T0, server, 6970, client, 50000, Rtp(1, 90));
        capture.Udp(T0 + 40_000_000, server, 6970, client, 50000, Rtp(2, 3690));
        capture.Udp(T0 + 40_000_001, server, 6971, client, 50001, [0x80, 200, 0, 6, .. new byte[24]]);
        string path = Path.Combine(_folder, "link.pcap");
        capture.WritePcap(path);

        var contents = CaptureReader.Read(path);

        contents.Packets.Select(p => p.Kind).Should().Equal(PacketKind.Rtp, PacketKind.Rtp, PacketKind.Rtcp);
        contents.Packets.Should().OnlyContain(p => p.Direction == PacketDirection.FromServer && p.SourceAddress == System.Net.IPAddress.Parse(server).ToString());
    }

    [Test]
    public void Pcapng_files_are_read_with_nanosecond_timestamps()
    {
        var capture = new CaptureFileBuilder();
        capture.Udp(T0, Server, 6970, Client, 50000, Rtp(1, 90));
        capture.Udp(T0 + 40_000_123, Server, 6970, Client, 50000, Rtp(2, 3690));
        string path = Path.Combine(_folder, "capture.pcapng");
        capture.WritePcapng(path);

        var contents = CaptureReader.Read(path);

        contents.Packets.Select(p => p.TimestampNs).Should().Equal(T0, T0 + 40_000_123);
        contents.Packets.Should().OnlyContain(p => p.Kind == PacketKind.Rtp);
    }

    [Test]
    public void A_file_that_is_not_a_capture_is_a_typed_error()
    {
        string path = Path.Combine(_folder, "not.pcap");
        File.WriteAllText(path, "hello, this is not a capture file at all");

        var read = () => CaptureReader.Read(path);

        read.Should().Throw<CaptureFormatException>().WithMessage("*not a pcap*");
    }

    [Test]
    public void Rtsp_over_tcp_is_split_into_requests_and_responses_even_without_a_known_port()
    {
        var capture = new CaptureFileBuilder();
        uint clientSeq = 1, serverSeq = 1;
        capture.Tcp(T0, Client, 40001, Server, 9999, clientSeq, Encoding.ASCII.GetBytes("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\nDESCRIBE rtsp://s/ RTSP/1.0\r\nCSeq: 2\r\n\r\n"));
        capture.Tcp(T0 + 10, Server, 9999, Client, 40001, serverSeq, Encoding.ASCII.GetBytes("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\nRTSP/1.0 404 Not Found\r\nCSeq: 2\r\n\r\n"));
        capture.Tcp(T0 + 20, Client, 40002, Server, 80, 1, Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        string path = Path.Combine(_folder, "rtsp.pcap");
        capture.WritePcap(path);

        var contents = CaptureReader.Read(path);

        contents.Packets.Select(p => p.Kind).Should().Equal(PacketKind.RtspRequest, PacketKind.RtspRequest, PacketKind.RtspResponse, PacketKind.RtspResponse);
        contents.Events.Select(e => (e.Method, e.StatusCode)).Should().Equal(("OPTIONS", 200), ("DESCRIBE", 404));
    }

    [Test]
    public void Hostile_frames_never_escape_as_exceptions_from_the_reader_or_the_analyzers()
    {
        var random = new Random(3);
        var capture = new CaptureFileBuilder();
        for (int i = 0; i < 3000; i++)
        {
            var junk = new byte[random.Next(0, 200)];
            random.NextBytes(junk);
            long t = T0 + i * 1_000_000L;
            switch (i % 4)
            {
                case 0:
                    capture.Raw(t, junk);
                    break;
                case 1:
                    capture.Udp(t, Server, 6970 + random.Next(2), Client, 50000 + random.Next(2), junk);
                    break;
                case 2:
                    capture.Tcp(t, random.Next(2) == 0 ? Server : Client, random.Next(2) == 0 ? 8554 : 40000, Client, 8554, (uint)random.Next(), junk);
                    break;
                default:
                    // A plausible RTP header followed by junk: reaches the RTP, RTCP and RFC 2435 analyzers.
                    junk = [0x80, (byte)(random.Next(2) == 0 ? 26 : 200), (byte)i, (byte)(i >> 8), .. junk];
                    capture.Udp(t, Server, 6970, Client, 50000, junk);
                    break;
            }
        }

        string path = Path.Combine(_folder, "hostile.pcap");
        capture.WritePcap(path);

        var contents = CaptureReader.Read(path, rtspPort: 8554);
        var run = () => Harness.Analysis.AnalysisPipeline.Run(new Harness.Analysis.AnalysisInput(contents.Packets, "v=0\r\nbroken sdp", contents.Events, true));

        contents.FrameCount.Should().Be(3000);
        run.Should().NotThrow();
    }

    private static void Exchange(CaptureFileBuilder capture, long t, ref uint clientSeq, ref uint serverSeq, string request, string response)
    {
        var requestBytes = Encoding.ASCII.GetBytes(request);
        var responseBytes = Encoding.ASCII.GetBytes(response);
        capture.Tcp(t, Client, 40000, Server, 8554, clientSeq, requestBytes);
        capture.Tcp(t + 500_000, Server, 8554, Client, 40000, serverSeq, responseBytes);
        clientSeq += (uint)requestBytes.Length;
        serverSeq += (uint)responseBytes.Length;
    }

    private static byte[] Rtp(ushort seq, uint timestamp, int payload = 20) =>
        new RtpPacket { PayloadType = 26, SequenceNumber = seq, Timestamp = timestamp, Ssrc = seq == 0 ? 0u : 42u, Payload = new byte[payload] }.ToArray();
}
