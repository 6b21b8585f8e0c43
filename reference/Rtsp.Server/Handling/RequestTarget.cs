using System.Text;

namespace Rtsp.Server.Handling;

/// <summary>
/// The Request-URI of an RTSP request, split into what the server needs: the URL prefix the client used
/// (scheme and authority), the media path (percent-decoded, no leading '/'), and whether it names the track
/// (the SDP's a=control:stream=0) or the aggregate. A query string is not part of any media path: dropped.
/// The decoded path still has to be found in the media catalogue, which is what keeps requests inside the root.
/// </summary>
public sealed record RequestTarget(string Prefix, string MediaPath, bool IsTrack)
{
    /// <summary>The a=control of the one track, relative to Content-Base.</summary>
    public const string TrackControl = "stream=0";

    /// <summary>Content-Base for DESCRIBE (ends with '/', so relative controls resolve the same way in every client).</summary>
    public string ContentBase => $"{Prefix}/{EncodedPath}/";

    public string TrackUrl => ContentBase + TrackControl;

    private string EncodedPath => string.Join('/', MediaPath.Split('/').Select(Uri.EscapeDataString));

    public static bool TryParse(string uri, out RequestTarget? target)
    {
        target = null;
        int scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0 || !uri[..scheme].Equals("rtsp", StringComparison.OrdinalIgnoreCase))
            return false;
        int pathStart = uri.IndexOf('/', scheme + 3);
        string prefix = pathStart < 0 ? uri : uri[..pathStart];
        string rawPath = pathStart < 0 ? "" : uri[(pathStart + 1)..];
        int query = rawPath.IndexOfAny(['?', '#']);
        if (query >= 0)
            rawPath = rawPath[..query];
        if (!TryPercentDecode(rawPath, out string path))
            return false;
        path = path.TrimEnd('/');
        bool track = false;
        if (path == TrackControl || path.EndsWith("/" + TrackControl, StringComparison.Ordinal))
        {
            track = true;
            path = path[..^TrackControl.Length].TrimEnd('/');
        }
        target = new RequestTarget(prefix, path, track);
        return true;
    }

    /// <summary>Strict RFC 3986 percent-decoding (UTF-8); false for a malformed escape.</summary>
    private static bool TryPercentDecode(string text, out string decoded)
    {
        decoded = text;
        if (!text.Contains('%'))
            return true;
        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }
            if (i + 2 >= text.Length || !Uri.IsHexDigit(text[i + 1]) || !Uri.IsHexDigit(text[i + 2]))
                return false;
            bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
            i += 2;
        }
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
