namespace Rtsp.Protocol.Rtp;

/// <summary>
/// 16-bit RTP sequence number arithmetic modulo 2^16 (RFC 3550 §5.1, Appendix A.1): "newer" means ahead by less
/// than half the number space, so 0 is newer than 65535.
/// </summary>
public static class RtpSequence
{
    /// <summary>The signed distance from <paramref name="b"/> to <paramref name="a"/>, in [-32768, 32767].</summary>
    public static int Difference(ushort a, ushort b) => unchecked((short)(a - b));

    /// <summary>True when <paramref name="a"/> comes after <paramref name="b"/> (taking wrap-around into account).</summary>
    public static bool IsNewer(ushort a, ushort b) => Difference(a, b) > 0;

    /// <summary><paramref name="sequence"/> advanced by <paramref name="delta"/> (may be negative), wrapping at 2^16.</summary>
    public static ushort Add(ushort sequence, int delta) => unchecked((ushort)(sequence + delta));
}
