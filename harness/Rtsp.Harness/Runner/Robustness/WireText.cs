using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>Hostile bytes as text and back: one byte per char (Latin-1, so "\0" and "\xff" in YAML are single bytes),
/// and a short escaped excerpt a report can quote.</summary>
public static partial class WireText
{
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>At most <paramref name="max"/> bytes shown, CR/LF/NUL and other controls escaped, the total length named.</summary>
    public static string Excerpt(ReadOnlySpan<byte> bytes, int max = 96)
    {
        var text = new StringBuilder("\"");
        foreach (var b in bytes[..Math.Min(bytes.Length, max)])
        {
            text.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'"' => "\\\"",
                < 0x20 or >= 0x7f => string.Create(CultureInfo.InvariantCulture, $"\\x{b:x2}"),
                _ => ((char)b).ToString(),
            });
        }

        text.Append('"');
        return bytes.Length > max ? string.Create(CultureInfo.InvariantCulture, $"{text}… ({bytes.Length:N0} bytes)") : text.ToString();
    }

    public static string Ms(long ns) => (ns / 1e6).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>The CSeq value a request carries (any line ending), or null.</summary>
    public static string? CSeqOf(byte[] request) =>
        CSeqLine().Match(Encoding.Latin1.GetString(request)) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    [GeneratedRegex(@"(?:^|[\r\n])CSeq:[ \t]*([^\r\n]*)", RegexOptions.IgnoreCase)]
    private static partial Regex CSeqLine();
}
