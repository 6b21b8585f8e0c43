using System.Buffers.Binary;

namespace Rtsp.Fuzz;

/// <summary>
/// Small capture files for the pcap-reader seeds, written byte by byte (pcap with µs and ns magic, pcapng): an RTSP
/// SETUP/PLAY exchange on TCP 8554 over Ethernet/IPv4 negotiating UDP ports, then RTP and RTCP datagrams on them; and
/// a TCP-interleaved session whose server stream carries `$` frames split across segments.
/// </summary>
internal static class CaptureSeeds
{
    private const int ClientRtspPort = 50000, ServerRtspPort = 8554;

    public static IEnumerable<(string Name, byte[] Bytes)> All(IReadOnlyList<byte[]> rtp, byte[] rtcp)
    {
        var udpSession = UdpSession(rtp, rtcp);
        var tcpSession = InterleavedSession(rtp, rtcp);
        yield return ("udp-session-us.pcap", Pcap(udpSession, nanoseconds: false));
        yield return ("udp-session-ns.pcap", Pcap(udpSession, nanoseconds: true));
        yield return ("udp-session.pcapng", PcapNg(udpSession));
        yield return ("interleaved-session.pcap", Pcap(tcpSession, nanoseconds: true));
        yield return ("interleaved-session.pcapng", PcapNg(tcpSession));
        yield return ("header-only.pcap", Pcap([], nanoseconds: false));
    }

    private static List<byte[]> UdpSession(IReadOnlyList<byte[]> rtp, byte[] rtcp)
    {
        uint clientSeq = 1000, serverSeq = 9000;
        var frames = new List<byte[]>
        {
            Tcp(ClientRtspPort, ServerRtspPort, ref clientSeq, "SETUP rtsp://127.0.0.1:8554/test/stream=0 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n"u8),
            Tcp(ServerRtspPort, ClientRtspPort, ref serverSeq, "RTSP/1.0 200 OK\r\nCSeq: 3\r\nTransport: RTP/AVP;unicast;client_port=5000-5001;server_port=6000-6001\r\nSession: 12345678\r\n\r\n"u8),
            Tcp(ClientRtspPort, ServerRtspPort, ref clientSeq, "PLAY rtsp://127.0.0.1:8554/test/ RTSP/1.0\r\nCSeq: 4\r\nSession: 12345678\r\nRange: npt=0-\r\n\r\n"u8),
            Tcp(ServerRtspPort, ClientRtspPort, ref serverSeq, "RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 12345678\r\nRTP-Info: url=rtsp://127.0.0.1:8554/test/stream=0;seq=65534;rtptime=0\r\n\r\n"u8),
        };
        frames.AddRange(rtp.Select(packet => Udp(6000, 5000, packet)));
        frames.Add(Udp(6001, 5001, rtcp));
        return frames;
    }

    private static List<byte[]> InterleavedSession(IReadOnlyList<byte[]> rtp, byte[] rtcp)
    {
        uint clientSeq = 1000, serverSeq = 9000;
        var frames = new List<byte[]>
        {
            Tcp(ClientRtspPort, ServerRtspPort, ref clientSeq, "SETUP rtsp://127.0.0.1:8554/test/stream=0 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n"u8),
            Tcp(ServerRtspPort, ClientRtspPort, ref serverSeq, "RTSP/1.0 200 OK\r\nCSeq: 3\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: 12345678\r\n\r\n"u8),
        };
        var stream = new List<byte>();
        foreach (var packet in rtp)
        {
            stream.AddRange([(byte)'$', 0, (byte)(packet.Length >> 8), (byte)packet.Length, .. packet]);
        }
        stream.AddRange([(byte)'$', 1, (byte)(rtcp.Length >> 8), (byte)rtcp.Length, .. rtcp]);
        // Segments of 500 bytes: frames straddle segment boundaries, as they do on a real connection.
        for (var offset = 0; offset < stream.Count; offset += 500)
        {
            frames.Add(Tcp(ServerRtspPort, ClientRtspPort, ref serverSeq, stream.GetRange(offset, Math.Min(500, stream.Count - offset)).ToArray()));
        }
        return frames;
    }

    private static byte[] Tcp(int sourcePort, int destinationPort, ref uint sequence, ReadOnlySpan<byte> payload)
    {
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(8), 1);
        tcp[12] = 0x50; // 5 words, no options
        tcp[13] = 0x18; // PSH, ACK
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        payload.CopyTo(tcp.AsSpan(20));
        sequence += (uint)payload.Length;
        return EthernetIpv4(6, tcp);
    }

    private static byte[] Udp(int sourcePort, int destinationPort, ReadOnlySpan<byte> payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp.AsSpan(8));
        return EthernetIpv4(17, udp);
    }

    /// <summary>Loopback as libpcap records it on Linux `lo`: Ethernet with zero MACs, IPv4 127.0.0.1 both ways.</summary>
    private static byte[] EthernetIpv4(byte protocol, ReadOnlySpan<byte> transport)
    {
        var frame = new byte[14 + 20 + transport.Length];
        frame[12] = 0x08; // EtherType IPv4
        var ip = frame.AsSpan(14, 20);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + transport.Length));
        ip[6] = 0x40; // don't fragment
        ip[8] = 64;
        ip[9] = protocol;
        ip[12] = ip[16] = 127;
        ip[15] = ip[19] = 1;
        uint acc = 0;
        for (var i = 0; i < 20; i += 2)
        {
            acc += BinaryPrimitives.ReadUInt16BigEndian(ip[i..]);
        }
        while (acc > 0xFFFF)
        {
            acc = (acc & 0xFFFF) + (acc >> 16);
        }
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~acc);
        transport.CopyTo(frame.AsSpan(34));
        return frame;
    }

    private static byte[] Pcap(List<byte[]> frames, bool nanoseconds)
    {
        using var file = new MemoryStream();
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, nanoseconds ? 0xA1B23C4Du : 0xA1B2C3D4u);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1); // LINKTYPE_ETHERNET
        file.Write(header);
        Span<byte> record = stackalloc byte[16];
        for (var i = 0; i < frames.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record, 1_795_600_000u);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(i * 40_000 * (nanoseconds ? 1000 : 1)));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frames[i].Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frames[i].Length);
            file.Write(record);
            file.Write(frames[i]);
        }
        return file.ToArray();
    }

    private static byte[] PcapNg(List<byte[]> frames)
    {
        using var file = new MemoryStream();
        // Section Header Block, then one Interface Description Block (Ethernet, nanosecond timestamps via if_tsresol = 9).
        WriteBlock(file, 0x0A0D0D0A, [0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        WriteBlock(file, 1, [1, 0, 0, 0, 0xFF, 0xFF, 0, 0, 9, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0]);
        for (var i = 0; i < frames.Count; i++)
        {
            var body = new byte[20 + ((frames[i].Length + 3) & ~3)];
            var ns = 1_795_600_000UL * 1_000_000_000UL + (ulong)i * 40_000_000UL;
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)(ns >> 32));
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)ns);
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(12), (uint)frames[i].Length);
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(16), (uint)frames[i].Length);
            frames[i].CopyTo(body, 20);
            WriteBlock(file, 6, body);
        }
        return file.ToArray();
    }

    private static void WriteBlock(MemoryStream file, uint type, ReadOnlySpan<byte> body)
    {
        Span<byte> word = stackalloc byte[4];
        var length = (uint)(12 + body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(word, type);
        file.Write(word);
        BinaryPrimitives.WriteUInt32LittleEndian(word, length);
        file.Write(word);
        file.Write(body);
        file.Write(word);
    }
}
