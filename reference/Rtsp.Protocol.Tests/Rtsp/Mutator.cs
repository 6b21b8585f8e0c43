using System.Text;
using CsCheck;

namespace Rtsp.Protocol.Tests.Rtsp;

/// <summary>Damages real inputs the way broken or hostile peers do: flipped bytes, truncation, duplicated
/// regions, NULs, huge numbers, stray line breaks and dollars, bad Content-Length values.</summary>
internal static class Mutator
{
    private static readonly string[] Inserts =
    [
        "\0", "99999999999999999999", "-1", "\r\n", "\n ", "\r", "$", ":", ";", ",", "=", "\"", "\t", "\u00ff", "RTSP/1.0 ",
        "Content-Length: 5\r\n", "-", "now", "..", "%00",
    ];

    private static readonly string[] ContentLengths = ["-1", "abc", "99999999999", "2147483648", " 1 2", "", "0x10", "+5", "1048577", "3"];

    public static readonly Gen<(int Kind, int Position, int Length, int Choice, byte Value)> Mutation =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, int.MaxValue], Gen.Int[1, 64], Gen.Int[0, 1000], Gen.Byte);

    public static byte[] Apply(byte[] input, (int Kind, int Position, int Length, int Choice, byte Value) m)
    {
        if (input.Length == 0)
        {
            return [m.Value];
        }

        var at = m.Position % input.Length;
        var end = Math.Min(input.Length, at + m.Length);
        switch (m.Kind)
        {
            case 0:
                var flipped = (byte[])input.Clone();
                flipped[at] ^= m.Value == 0 ? (byte)1 : m.Value;
                return flipped;
            case 1:
                return input[..at];
            case 2:
                return [.. input[..end], .. input[at..end], .. input[end..]];
            case 3:
                return [.. input[..at], .. input[end..]];
            case 4:
            case 5:
                return [.. input[..at], .. Encoding.Latin1.GetBytes(Inserts[m.Choice % Inserts.Length]), .. input[at..]];
            case 6:
                var text = Encoding.Latin1.GetString(input);
                var cl = text.IndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
                var replacement = ContentLengths[m.Choice % ContentLengths.Length];
                return cl < 0
                    ? Encoding.Latin1.GetBytes(text.Insert(text.IndexOf('\n') + 1, $"Content-Length: {replacement}\r\n"))
                    : Encoding.Latin1.GetBytes(text[..(cl + 15)] + " " + replacement + text[LineEnd(text, cl)..]);
            default:
                return [.. input[..at], m.Value, .. input[at..]];
        }
    }

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOfAny(['\r', '\n'], from);
        return end < 0 ? text.Length : end;
    }

    public static string Apply(string input, (int Kind, int Position, int Length, int Choice, byte Value) m) =>
        Encoding.Latin1.GetString(Apply(Encoding.Latin1.GetBytes(input), m));
}
