using System.Buffers.Binary;

namespace Rtsp.Protocol.Tests.Rtp;

/// <summary>
/// Just enough of the classic pcap format (tshark <c>-F pcap</c>) to pull UDP payloads and their capture times out
/// of an Ethernet-framed loopback capture, so the jitter test needs no capture library.
/// </summary>
internal static class PcapUdpReader
{
    public static List<(double Seconds, byte[] Payload)> ReadUdpPayloads(string path, int destinationPort)
    {
        var file = File.ReadAllBytes(path);
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        double fractionScale = magic switch
        {
            0xA1B2C3D4 => 1e6, // microsecond timestamps
            0xA1B23C4D => 1e9, // nanosecond timestamps
            _ => throw new InvalidDataException($"{path} is not a little-endian classic pcap file (magic {magic:X8}); capture with tshark -F pcap."),
        };
        uint linkType = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20));
        if (linkType != 1)
        {
            throw new InvalidDataException($"{path} has link type {linkType}; this reader handles Ethernet (1), what loopback captures use.");
        }

        var result = new List<(double, byte[])>();
        int offset = 24;
        while (offset + 16 <= file.Length)
        {
            var record = file.AsSpan(offset);
            double seconds = BinaryPrimitives.ReadUInt32LittleEndian(record) + BinaryPrimitives.ReadUInt32LittleEndian(record[4..]) / fractionScale;
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(record[8..]);
            var frame = record.Slice(16, length);
            offset += 16 + length;

            const int ethernetHeader = 14;
            if (BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800 || frame[ethernetHeader + 9] != 17)
            {
                continue; // not IPv4 / UDP
            }
            var udp = frame[(ethernetHeader + ((frame[ethernetHeader] & 0x0F) * 4))..];
            if (BinaryPrimitives.ReadUInt16BigEndian(udp[2..]) == destinationPort)
            {
                result.Add((seconds, udp[8..BinaryPrimitives.ReadUInt16BigEndian(udp[4..])].ToArray()));
            }
        }
        return result;
    }
}
