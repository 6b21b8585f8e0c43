using System.Buffers.Binary;
using System.Net;

namespace Rtsp.Harness.Capture;

/// <summary>
/// Link layer -> IPv4/IPv6 -> UDP/TCP, by hand: it is a few offsets, and a 1 GB capture would spend most of its
/// time in a general packet library's object graph. Frames that are not UDP/TCP over IP, IP fragments and
/// malformed headers are skipped (returns false): a capture holds all sorts of unrelated traffic.
/// </summary>
public sealed class FrameDecoder
{
    private const int ProtocolTcp = 6;
    private const int ProtocolUdp = 17;

    private readonly int _linkType;
    private readonly Dictionary<UInt128, string> _addressText = [];

    public FrameDecoder(int linkType)
    {
        if (!LinkTypes.IsSupported(linkType))
        {
            throw new CaptureFormatException(
                $"link type {linkType} is not supported (Ethernet, Linux cooked SLL/SLL2, raw IP and BSD loopback are)");
        }

        _linkType = linkType;
    }

    public bool TryDecode(ReadOnlyMemory<byte> frame, out TransportSegment segment)
    {
        segment = default;
        var span = frame.Span;
        int ipOffset;
        int etherType;
        switch (_linkType)
        {
            case LinkTypes.Ethernet:
                if (span.Length < 14)
                {
                    return false;
                }

                ipOffset = 14;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(span[12..]);
                // 802.1Q / 802.1ad tags.
                while (etherType is 0x8100 or 0x88A8 && span.Length >= ipOffset + 4)
                {
                    etherType = BinaryPrimitives.ReadUInt16BigEndian(span[(ipOffset + 2)..]);
                    ipOffset += 4;
                }

                break;
            case LinkTypes.LinuxSll:
                if (span.Length < 16)
                {
                    return false;
                }

                ipOffset = 16;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(span[14..]);
                break;
            case LinkTypes.LinuxSll2:
                if (span.Length < 20)
                {
                    return false;
                }

                ipOffset = 20;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(span);
                break;
            case LinkTypes.Null or LinkTypes.Loop:
                if (span.Length < 4)
                {
                    return false;
                }

                ipOffset = 4;
                etherType = 0; // decided by the IP version nibble below
                break;
            default: // raw IP
                ipOffset = 0;
                etherType = 0;
                break;
        }

        if (span.Length <= ipOffset)
        {
            return false;
        }

        int version = span[ipOffset] >> 4;
        if (etherType == 0x0800 || (etherType == 0 && version == 4))
        {
            return TryDecodeIpv4(frame, ipOffset, out segment);
        }

        if (etherType == 0x86DD || (etherType == 0 && version == 6))
        {
            return TryDecodeIpv6(frame, ipOffset, out segment);
        }

        return false;
    }

    private bool TryDecodeIpv4(ReadOnlyMemory<byte> frame, int offset, out TransportSegment segment)
    {
        segment = default;
        var ip = frame.Span[offset..];
        if (ip.Length < 20 || ip[0] >> 4 != 4)
        {
            return false;
        }

        int headerLength = (ip[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        ushort fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        // More-fragments set or a non-zero offset: not a whole datagram (RTP over UDP stays below the MTU).
        if (headerLength < 20 || totalLength < headerLength || (fragment & 0x3FFF) != 0)
        {
            return false;
        }

        string source = AddressText(ip.Slice(12, 4));
        string destination = AddressText(ip.Slice(16, 4));
        // Trust the IP length over the frame length: Ethernet pads short frames; TSO captures report 0.
        int available = ip.Length - headerLength;
        int declared = totalLength == 0 ? available : totalLength - headerLength;
        return TryDecodeTransport(frame, offset + headerLength, Math.Min(available, declared), declared > available, ip[9], source, destination, out segment);
    }

    private bool TryDecodeIpv6(ReadOnlyMemory<byte> frame, int offset, out TransportSegment segment)
    {
        segment = default;
        var ip = frame.Span[offset..];
        if (ip.Length < 40 || ip[0] >> 4 != 6)
        {
            return false;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        int next = ip[6];
        int position = 40;
        // Skip hop-by-hop (0), routing (43) and destination options (60); a fragment header (44) means not whole.
        for (int guard = 0; guard < 8 && next is 0 or 43 or 60; guard++)
        {
            if (ip.Length < position + 2)
            {
                return false;
            }

            next = ip[position];
            position += (ip[position + 1] + 1) * 8;
        }

        if (next is not (ProtocolTcp or ProtocolUdp) || ip.Length < position)
        {
            return false;
        }

        string source = AddressText(ip.Slice(8, 16));
        string destination = AddressText(ip.Slice(24, 16));
        int available = ip.Length - position;
        int declared = payloadLength == 0 ? available : payloadLength - (position - 40);
        return TryDecodeTransport(frame, offset + position, Math.Min(available, declared), declared > available, next, source, destination, out segment);
    }

    private static bool TryDecodeTransport(
        ReadOnlyMemory<byte> frame, int offset, int length, bool truncated, int protocol, string source, string destination, out TransportSegment segment)
    {
        segment = default;
        if (length < 0)
        {
            return false;
        }

        var data = frame.Slice(offset, length);
        var span = data.Span;
        if (protocol == ProtocolUdp)
        {
            if (span.Length < 8)
            {
                return false;
            }

            int udpLength = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
            int payloadLength = udpLength >= 8 ? Math.Min(udpLength - 8, span.Length - 8) : span.Length - 8;
            segment = new TransportSegment(
                false, source, BinaryPrimitives.ReadUInt16BigEndian(span), destination, BinaryPrimitives.ReadUInt16BigEndian(span[2..]),
                0, TcpFlags.None, data.Slice(8, payloadLength), truncated || udpLength - 8 > payloadLength);
            return true;
        }

        if (protocol == ProtocolTcp)
        {
            if (span.Length < 20)
            {
                return false;
            }

            int headerLength = (span[12] >> 4) * 4;
            if (headerLength < 20 || headerLength > span.Length)
            {
                return false;
            }

            segment = new TransportSegment(
                true, source, BinaryPrimitives.ReadUInt16BigEndian(span), destination, BinaryPrimitives.ReadUInt16BigEndian(span[2..]),
                BinaryPrimitives.ReadUInt32BigEndian(span[4..]), (TcpFlags)(span[13] & 0x1F), data[headerLength..], truncated);
            return true;
        }

        return false;
    }

    // Address strings are interned: a capture has a handful of addresses and a million packets.
    private string AddressText(ReadOnlySpan<byte> address)
    {
        UInt128 key = address.Length == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(address)
            : BinaryPrimitives.ReadUInt128BigEndian(address);
        if (address.Length == 16 && key <= uint.MaxValue)
        {
            // ::a.b.c.d must not collide with the IPv4 key; such IPv6 addresses are not routable anyway.
            return new IPAddress(address).ToString();
        }

        if (!_addressText.TryGetValue(key, out var text))
        {
            text = new IPAddress(address).ToString();
            _addressText[key] = text;
        }

        return text;
    }
}
