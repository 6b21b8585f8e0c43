using System.Security.Cryptography;

namespace Rtsp.Server.Streaming;

/// <summary>RFC 3550 5.1 / 8: initial sequence number, timestamp and SSRC are random (crypto RNG, not guessable).</summary>
internal static class RandomRtp
{
    public static uint UInt32() => BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));

    public static ushort UInt16() => BitConverter.ToUInt16(RandomNumberGenerator.GetBytes(2));
}
