namespace Rtsp.Protocol.Sdp;

internal static class SdpText
{
    public const string LineEnd = "\r\n";

    /// <summary>A short, printable excerpt of offending text for an error message (input may be hostile and huge).</summary>
    public static string Excerpt(string text)
    {
        const int max = 60;
        var excerpt = text.Length <= max ? text : text[..max] + "...";
        return string.Concat(excerpt.Select(c => char.IsControl(c) ? '?' : c));
    }
}
