using System.Buffers.Binary;
using System.Net;
using LinkLayers = PacketDotNet.LinkLayers;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Rtsp.Harness.Tests.Capture;

/// <summary>
/// Writes capture files for the reader tests: frames are built byte by byte (Ethernet / Linux SLL / raw IP,
/// IPv4 / IPv6, UDP / TCP), pcap files through SharpPcap's writer at nanosecond precision (as LiveCapture writes
/// them), pcapng files block by block.
/// </summary>
public sealed class CaptureFileBuilder
{
    private readonly List<(long TimestampNs, byte[] Frame)> _frames = [];

    public CaptureFileBuilder(LinkLayers linkType = LinkLayers.Ethernet) => LinkType = linkType;

    public LinkLayers LinkType { get; }

    public IReadOnlyList<(long TimestampNs, byte[] Frame)> Frames => _frames;

    /// <summary>A frame exactly as given (hostile-input tests).</summary>
    public CaptureFileBuilder Raw(long timestampNs, byte[] frame)
    {
        _frames.Add((timestampNs, frame));
        return this;
    }

    public CaptureFileBuilder Udp(long timestampNs, string source, int sourcePort, string destination, int destinationPort, ReadOnlySpan<byte> payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp.AsSpan(8));
        _frames.Add((timestampNs, Link(Ip(source, destination, 17, udp))));
        return this;
    }

    public CaptureFileBuilder Tcp(long timestampNs, string source, int sourcePort, string destination, int destinationPort, uint sequence, ReadOnlySpan<byte> payload, byte flags = 0x18)
    {
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), sequence);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        payload.CopyTo(tcp.AsSpan(20));
        _frames.Add((timestampNs, Link(Ip(source, destination, 6, tcp))));
        return this;
    }

    /// <summary>A pcap file through SharpPcap, with nanosecond timestamps.</summary>
    public void WritePcap(string path)
    {
        var writer = new CaptureFileWriterDevice(path, FileMode.Create);
        writer.Open(new DeviceConfiguration { LinkLayerType = LinkType, TimestampResolution = TimestampResolution.Nanosecond });
        foreach (var (ns, frame) in _frames)
        {
            var header = new PcapHeader(0, 0, (uint)frame.Length, (uint)frame.Length)
            {
                Timeval = new PosixTimeval((ulong)(ns / 1_000_000_000), (ulong)(ns % 1_000_000_000), TimestampResolution.Nanosecond),
            };
            writer.Write(frame, ref header);
        }

        writer.Close();
    }

    /// <summary>A pcapng file: section header, one interface (if_tsresol = 9: nanoseconds), enhanced packet blocks.</summary>
    public void WritePcapng(string path)
    {
        using var file = File.Create(path);
        Block(file, 0x0A0D0D0A, body =>
        {
            body.Write(BitConverter.GetBytes(0x1A2B3C4D));
            body.Write(BitConverter.GetBytes((ushort)1));
            body.Write(BitConverter.GetBytes((ushort)0));
            body.Write(BitConverter.GetBytes(-1L));
        });
        Block(file, 1, body =>
        {
            body.Write(BitConverter.GetBytes((ushort)LinkType));
            body.Write(BitConverter.GetBytes((ushort)0));
            body.Write(BitConverter.GetBytes(65535));
            body.Write(BitConverter.GetBytes((ushort)9)); // if_tsresol
            body.Write(BitConverter.GetBytes((ushort)1));
            body.Write([9, 0, 0, 0]);
            body.Write(BitConverter.GetBytes(0)); // opt_endofopt
        });
        foreach (var (ns, frame) in _frames)
        {
            Block(file, 6, body =>
            {
                body.Write(BitConverter.GetBytes(0));
                body.Write(BitConverter.GetBytes((uint)((ulong)ns >> 32)));
                body.Write(BitConverter.GetBytes((uint)ns));
                body.Write(BitConverter.GetBytes(frame.Length));
                body.Write(BitConverter.GetBytes(frame.Length));
                body.Write(frame);
                body.Write(new byte[(4 - frame.Length % 4) % 4]);
            });
        }
    }

    private static void Block(Stream file, uint type, Action<BinaryWriter> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var body = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writeBody(body);
        }

        uint length = (uint)buffer.Length + 12;
        file.Write(BitConverter.GetBytes(type));
        file.Write(BitConverter.GetBytes(length));
        buffer.Position = 0;
        buffer.CopyTo(file);
        file.Write(BitConverter.GetBytes(length));
    }

    private byte[] Ip(string source, string destination, byte protocol, byte[] transport)
    {
        var src = IPAddress.Parse(source).GetAddressBytes();
        var dst = IPAddress.Parse(destination).GetAddressBytes();
        if (src.Length == 4)
        {
            var ip = new byte[20 + transport.Length];
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
            ip[6] = 0x40; // don't fragment
            ip[8] = 64;
            ip[9] = protocol;
            src.CopyTo(ip, 12);
            dst.CopyTo(ip, 16);
            transport.CopyTo(ip, 20);
            return ip;
        }

        var ip6 = new byte[40 + transport.Length];
        ip6[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip6.AsSpan(4), (ushort)transport.Length);
        ip6[6] = protocol;
        ip6[7] = 64;
        src.CopyTo(ip6, 8);
        dst.CopyTo(ip6, 24);
        transport.CopyTo(ip6, 40);
        return ip6;
    }

    private byte[] Link(byte[] ip)
    {
        ushort etherType = (ushort)(ip[0] >> 4 == 4 ? 0x0800 : 0x86DD);
        switch (LinkType)
        {
            case LinkLayers.Ethernet:
                var ethernet = new byte[14 + ip.Length];
                BinaryPrimitives.WriteUInt16BigEndian(ethernet.AsSpan(12), etherType);
                ip.CopyTo(ethernet, 14);
                return ethernet;
            case LinkLayers.LinuxSll:
                var sll = new byte[16 + ip.Length];
                BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(2), 772);
                BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(14), etherType);
                ip.CopyTo(sll, 16);
                return sll;
            case LinkLayers.Raw or (LinkLayers)12:
                return ip;
            default:
                throw new NotSupportedException($"the builder does not write {LinkType}");
        }
    }
}
