using System.Buffers.Binary;

namespace Rtsp.Protocol.Rtcp;

/// <summary>
/// One reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes on the wire.
/// </summary>
public sealed record RtcpReportBlock
{
    public const int Length = 24;
    public const int MinCumulativeLost = -0x80_0000;
    public const int MaxCumulativeLost = 0x7F_FFFF;

    private readonly int _cumulativeLost;

    /// <summary>The source this block reports on.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Packets lost since the previous report as a fixed-point fraction (lost * 256 / expected).</summary>
    public byte FractionLost { get; init; }

    /// <summary>Packets lost since reception began; a signed 24-bit value (negative with duplicates).</summary>
    public int CumulativeLost
    {
        get => _cumulativeLost;
        init => _cumulativeLost = value is >= MinCumulativeLost and <= MaxCumulativeLost ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Cumulative lost is a signed 24-bit field; use ClampCumulativeLost.");
    }

    /// <summary>Cycle count in the high 16 bits, highest sequence number received in the low 16.</summary>
    public uint ExtendedHighestSequence { get; init; }

    /// <summary>Interarrival jitter in timestamp units (RFC 3550 A.8).</summary>
    public uint Jitter { get; init; }

    /// <summary>LSR: middle 32 bits of the NTP timestamp of the last SR received from the source, 0 if none.</summary>
    public uint LastSenderReport { get; init; }

    /// <summary>DLSR: delay since that SR, in units of 1/65536 s; 0 if no SR was received.</summary>
    public uint DelaySinceLastSenderReport { get; init; }

    /// <summary>RFC 3550 A.3: the cumulative loss clamped to the signed 24-bit field.</summary>
    public static int ClampCumulativeLost(long lost) => (int)Math.Clamp(lost, MinCumulativeLost, MaxCumulativeLost);

    /// <summary>A delay expressed in DLSR units (1/65536 s), saturating at the 32-bit maximum.</summary>
    public static uint ToDelayUnits(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? 0u : (uint)Math.Min(uint.MaxValue, Math.Round(delay.TotalSeconds * 65536d));

    /// <summary>
    /// Round-trip time seen by the sender of the reported SR when this block arrives at <paramref name="arrival"/>
    /// (RFC 3550 §6.4.1: A - LSR - DLSR in middle-32 units); null when the block carries no LSR.
    /// </summary>
    public TimeSpan? RoundTripTime(NtpTimestamp arrival)
    {
        if (LastSenderReport == 0)
        {
            return null;
        }
        int units = unchecked((int)(arrival.Middle32 - LastSenderReport - DelaySinceLastSenderReport));
        return TimeSpan.FromSeconds(units / 65536d);
    }

    internal static RtcpReportBlock Read(ReadOnlySpan<byte> bytes)
    {
        // The cumulative loss is a 24-bit two's complement number: shift it into the top of an int and back.
        int lost = BinaryPrimitives.ReadInt32BigEndian(bytes[4..]) << 8 >> 8;
        return new RtcpReportBlock
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(bytes),
            FractionLost = bytes[4],
            CumulativeLost = lost,
            ExtendedHighestSequence = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]),
            Jitter = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]),
            LastSenderReport = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]),
            DelaySinceLastSenderReport = BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]),
        };
    }

    internal void Write(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Ssrc);
        BinaryPrimitives.WriteInt32BigEndian(bytes[4..], (FractionLost << 24) | (CumulativeLost & 0xFF_FFFF));
        BinaryPrimitives.WriteUInt32BigEndian(bytes[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[20..], DelaySinceLastSenderReport);
    }

    internal static List<RtcpReportBlock> ReadBlocks(ReadOnlySpan<byte> bytes, int count, string packetName)
    {
        if (bytes.Length < count * Length)
        {
            throw new RtcpFormatException($"RTCP {packetName} announces {count} report blocks ({count * Length} bytes) but only {bytes.Length} bytes follow.");
        }
        var blocks = new List<RtcpReportBlock>(count);
        for (int i = 0; i < count; i++)
        {
            blocks.Add(Read(bytes.Slice(i * Length, Length)));
        }
        return blocks;
    }
}
