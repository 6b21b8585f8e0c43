using System.Buffers.Binary;

namespace Rtsp.Protocol.Rtp;

/// <summary>
/// One RTP packet (RFC 3550 §5.1): fixed header, CSRC list, optional header extension (§5.3.1), payload and
/// padding. Parsing does not copy the payload: <see cref="Payload"/> is a slice of the bytes given to
/// <see cref="Parse"/>. A version other than 2 is not a parse error: a conformance harness must see such packets
/// and say what is wrong with them, so <see cref="Version"/> is exposed as received.
/// </summary>
public sealed class RtpPacket
{
    public const int FixedHeaderLength = 12;
    public const int MaxCsrcCount = 15;

    private byte _version = 2;
    private byte _payloadType;
    private uint[] _csrcs = [];
    private byte[] _extensionData = [];

    /// <summary>The 2-bit version field; 2 for RFC 3550. Other values are kept as received.</summary>
    public int Version
    {
        get => _version;
        set => _version = value is >= 0 and <= 3 ? (byte)value : throw new ArgumentOutOfRangeException(nameof(value), value, "RTP version is a 2-bit field (0..3).");
    }

    /// <summary>The P bit: true when <see cref="PaddingLength"/> is non-zero.</summary>
    public bool Padding => PaddingLength > 0;

    /// <summary>
    /// Padding octets at the end, including the final count octet (RFC 3550 §5.1: the last octet holds the count).
    /// 0 means no padding.
    /// </summary>
    public byte PaddingLength { get; set; }

    /// <summary>The X bit: a header extension (profile + data) follows the CSRC list.</summary>
    public bool Extension { get; set; }

    public bool Marker { get; set; }

    /// <summary>The 7-bit payload type.</summary>
    public int PayloadType
    {
        get => _payloadType;
        set => _payloadType = value is >= 0 and <= 127 ? (byte)value : throw new ArgumentOutOfRangeException(nameof(value), value, "RTP payload type is a 7-bit field (0..127).");
    }

    public ushort SequenceNumber { get; set; }

    public uint Timestamp { get; set; }

    public uint Ssrc { get; set; }

    /// <summary>Contributing sources, at most 15 (the CC field has 4 bits).</summary>
    public uint[] Csrcs
    {
        get => _csrcs;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length > MaxCsrcCount)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value.Length, "RTP carries at most 15 CSRCs (4-bit CC field).");
            }
            _csrcs = value;
        }
    }

    /// <summary>The 16-bit "defined by profile" field of the header extension (meaningful when <see cref="Extension"/>).</summary>
    public ushort ExtensionProfile { get; set; }

    /// <summary>Header extension data; its length is a whole number of 32-bit words (the length field counts words).</summary>
    public byte[] ExtensionData
    {
        get => _extensionData;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length % 4 != 0 || value.Length / 4 > ushort.MaxValue)
            {
                throw new ArgumentException($"RTP header extension data must be a whole number of 32-bit words (at most 65535); got {value.Length} bytes.", nameof(value));
            }
            _extensionData = value;
        }
    }

    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>Header length: fixed header, CSRCs and, when present, the extension.</summary>
    public int HeaderLength => FixedHeaderLength + 4 * _csrcs.Length + (Extension ? 4 + _extensionData.Length : 0);

    public int SerializedLength => HeaderLength + Payload.Length + PaddingLength;

    /// <summary>Reads a packet; throws <see cref="RtpFormatException"/> when it is truncated or its lengths do not fit.</summary>
    public static RtpPacket Parse(ReadOnlyMemory<byte> data)
    {
        return TryParse(data, out var packet, out var error) ? packet! : throw new RtpFormatException(error!);
    }

    public static bool TryParse(ReadOnlyMemory<byte> data, out RtpPacket? packet, out string? error)
    {
        packet = null;
        var span = data.Span;
        if (span.Length < FixedHeaderLength)
        {
            error = $"RTP packet of {span.Length} bytes is shorter than the 12-byte fixed header.";
            return false;
        }

        byte first = span[0];
        bool hasPadding = (first & 0x20) != 0;
        bool hasExtension = (first & 0x10) != 0;
        int csrcCount = first & 0x0F;
        int offset = FixedHeaderLength;

        if (span.Length < offset + 4 * csrcCount)
        {
            error = $"RTP packet of {span.Length} bytes is too short for its {csrcCount} CSRCs (needs {offset + 4 * csrcCount}).";
            return false;
        }
        uint[] csrcs = csrcCount == 0 ? [] : new uint[csrcCount];
        for (int i = 0; i < csrcCount; i++)
        {
            csrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(span[offset..]);
            offset += 4;
        }

        ushort extensionProfile = 0;
        byte[] extensionData = [];
        if (hasExtension)
        {
            if (span.Length < offset + 4)
            {
                error = $"RTP packet of {span.Length} bytes has the X bit set but no room for the 4-byte extension header at offset {offset}.";
                return false;
            }
            extensionProfile = BinaryPrimitives.ReadUInt16BigEndian(span[offset..]);
            int extensionLength = 4 * BinaryPrimitives.ReadUInt16BigEndian(span[(offset + 2)..]);
            offset += 4;
            if (span.Length < offset + extensionLength)
            {
                error = $"RTP header extension claims {extensionLength} bytes but only {span.Length - offset} remain.";
                return false;
            }
            extensionData = span.Slice(offset, extensionLength).ToArray();
            offset += extensionLength;
        }

        int paddingLength = 0;
        if (hasPadding)
        {
            // RFC 3550 §5.1: the last octet of the padding counts the padding octets, itself included.
            paddingLength = span[^1];
            if (paddingLength == 0)
            {
                error = "RTP padding bit is set but the padding count (last octet) is 0.";
                return false;
            }
            if (paddingLength > span.Length - offset)
            {
                error = $"RTP padding count {paddingLength} exceeds the {span.Length - offset} bytes after the header.";
                return false;
            }
        }

        packet = new RtpPacket
        {
            _version = (byte)(first >> 6),
            Extension = hasExtension,
            PaddingLength = (byte)paddingLength,
            Marker = (span[1] & 0x80) != 0,
            _payloadType = (byte)(span[1] & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(span[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(span[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(span[8..]),
            _csrcs = csrcs,
            ExtensionProfile = extensionProfile,
            _extensionData = extensionData,
            Payload = data[offset..(data.Length - paddingLength)],
        };
        error = null;
        return true;
    }

    /// <summary>Writes the packet into <paramref name="destination"/> and returns the number of bytes written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        int length = SerializedLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"Destination of {destination.Length} bytes is too small for an RTP packet of {length} bytes.", nameof(destination));
        }

        destination[0] = (byte)((_version << 6) | (Padding ? 0x20 : 0) | (Extension ? 0x10 : 0) | _csrcs.Length);
        destination[1] = (byte)((Marker ? 0x80 : 0) | _payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        int offset = FixedHeaderLength;
        foreach (uint csrc in _csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += 4;
        }
        if (Extension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], ExtensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(_extensionData.Length / 4));
            offset += 4;
            _extensionData.CopyTo(destination[offset..]);
            offset += _extensionData.Length;
        }
        Payload.Span.CopyTo(destination[offset..]);
        offset += Payload.Length;
        if (PaddingLength > 0)
        {
            destination.Slice(offset, PaddingLength - 1).Clear();
            offset += PaddingLength;
            destination[offset - 1] = PaddingLength;
        }
        return offset;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[SerializedLength];
        WriteTo(bytes);
        return bytes;
    }
}
