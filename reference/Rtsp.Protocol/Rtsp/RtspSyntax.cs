namespace Rtsp.Protocol.Rtsp;

/// <summary>Character classes of RFC 2326 §15 (which takes them from RFC 2616 §2.2).</summary>
internal static class RtspSyntax
{
    /// <summary>token = 1*&lt;any CHAR except CTLs or tspecials&gt;.</summary>
    public static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsTokenChar(char c) =>
        c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".IndexOf(c) < 0;

    /// <summary>CTL = octets 0-31 and 127; HT is allowed inside header values as linear white space.</summary>
    public static bool IsForbiddenControl(byte b) => (b < 0x20 && b != (byte)'\t') || b == 0x7F;
}
