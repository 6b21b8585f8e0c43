namespace Rtsp.Protocol.Rtcp;

/// <summary>
/// A 64-bit NTP timestamp (RFC 3550 §4): seconds since 1900-01-01 UTC in the high 32 bits, the fraction of a
/// second in the low 32. Sender reports carry it whole; receiver reports echo its middle 32 bits as LSR.
/// </summary>
public readonly record struct NtpTimestamp(ulong Value)
{
    private static readonly DateTime Era0 = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // RFC 4330 §3: the 32-bit seconds field wraps on 2036-02-07; a value with the top bit clear is read as era 1.
    private static readonly DateTime Era1 = Era0.AddSeconds(4294967296d);

    public uint Seconds => (uint)(Value >> 32);

    public uint Fraction => (uint)Value;

    /// <summary>The middle 32 bits (16.16 fixed point seconds), the LSR field of a report block (RFC 3550 §6.4.1).</summary>
    public uint Middle32 => (uint)(Value >> 16);

    /// <summary>Converts a time to NTP; a <see cref="DateTimeKind.Local"/> time is converted to UTC, Unspecified is taken as UTC.</summary>
    public static NtpTimestamp FromDateTime(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        var era = utc >= Era1 ? Era1 : Era0;
        if (utc < Era0)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "NTP time starts at 1900-01-01 UTC.");
        }
        long ticks = (utc - era).Ticks;
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        if (seconds > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "NTP era 1 ends in 2172; this timestamp has no 32-bit seconds field.");
        }
        ulong fraction = ((ulong)(ticks % TimeSpan.TicksPerSecond) << 32) / TimeSpan.TicksPerSecond;
        return new NtpTimestamp((seconds << 32) | fraction);
    }

    public DateTime ToDateTime()
    {
        var era = (Seconds & 0x8000_0000) != 0 ? Era0 : Era1;
        long fractionTicks = (long)(((ulong)Fraction * TimeSpan.TicksPerSecond) >> 32);
        return era.AddTicks(Seconds * TimeSpan.TicksPerSecond + fractionTicks);
    }

    public override string ToString() => $"{Seconds}.{Fraction:X8} ({ToDateTime():yyyy-MM-dd HH:mm:ss.ffffff}Z)";
}
