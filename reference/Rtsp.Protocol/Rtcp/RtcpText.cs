using System.Text;

namespace Rtsp.Protocol.Rtcp;

/// <summary>
/// SDES item and BYE reason text is UTF-8 (RFC 3550 §6.5). Invalid bytes are an error rather than U+FFFD: a
/// replacement would change the length and the bytes on re-serialization, and a harness should say the peer sent
/// something that is not UTF-8.
/// </summary>
internal static class RtcpText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new RtcpFormatException($"RTCP {what} is not valid UTF-8 (RFC 3550 §6.5).");
        }
    }
}
