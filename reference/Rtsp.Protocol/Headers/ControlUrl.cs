using System.Text;
using System.Text.RegularExpressions;

namespace Rtsp.Protocol.Headers;

/// <summary>
/// Turns an SDP <c>a=control</c> value into the URL a client sends SETUP/PLAY to (RFC 2326 §C.1.1), against the
/// Content-Base (or Content-Location, or the request URL, in that order).
/// </summary>
/// <remarks>
/// Peers disagree, and a server has to be read the same way by both:
/// <list type="bullet">
/// <item>GStreamer (rtspsrc) and RFC 2326 resolve per RFC 3986 §5.2: base <c>rtsp://h/test/</c> + <c>stream=0</c> is
/// <c>rtsp://h/test/stream=0</c>, but base <c>rtsp://h/live</c> + <c>streamid=0</c> is <c>rtsp://h/streamid=0</c>.</item>
/// <item>ffmpeg (libavformat/rtsp.c) does no resolution: a control without a scheme is appended to the base after a
/// '/' unless the base already ends with one; so both bases above give <c>.../test/stream=0</c>, <c>.../live/streamid=0</c>.</item>
/// </list>
/// A server that sends a Content-Base ending in '/' gets the same URL from both (GStreamer's own server does so).
/// </remarks>
public static partial class ControlUrl
{
    /// <summary>RFC 3986 §5.2 resolution; <c>*</c> (RFC 2326 §C.1.1 "the aggregate") and the empty string mean the base.
    /// Query strings and trailing slashes are kept; a fragment of the base is dropped.</summary>
    public static string Resolve(string baseUrl, string control)
    {
        ArgumentNullException.ThrowIfNull(control);
        var b = Split(RequireAbsolute(baseUrl));
        control = control.Trim();
        if (control is "*" or "")
        {
            return Join(b.Scheme, b.Authority, b.Path, b.Query, null);
        }

        var r = Split(control);
        if (r.Scheme is not null)
        {
            return Join(r.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        }

        if (r.Authority is not null)
        {
            return Join(b.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        }

        if (r.Path.Length == 0)
        {
            return Join(b.Scheme, b.Authority, b.Path, r.Query ?? b.Query, r.Fragment);
        }

        var path = r.Path.StartsWith('/') ? r.Path : Merge(b, r.Path);
        return Join(b.Scheme, b.Authority, RemoveDotSegments(path), r.Query, r.Fragment);
    }

    /// <summary>What ffmpeg sends for a media-level control: an absolute control as is, anything else appended to the
    /// base after a '/' (none added when the base ends with one), query and all — see the class remarks.</summary>
    public static string ResolveLikeFfmpeg(string baseUrl, string control)
    {
        ArgumentNullException.ThrowIfNull(control);
        RequireAbsolute(baseUrl);
        control = control.Trim();
        if (Split(control).Scheme is not null)
        {
            return control;
        }

        return baseUrl.EndsWith('/') ? baseUrl + control : baseUrl + "/" + control;
    }

    public static bool IsAbsolute(string url) => Split(url).Scheme is not null;

    private static string RequireAbsolute(string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!IsAbsolute(baseUrl.Trim()))
        {
            throw new HeaderFormatException("Content-Base", baseUrl, "a base URL must be absolute (scheme://host/...)");
        }

        return baseUrl.Trim();
    }

    private readonly record struct Parts(string? Scheme, string? Authority, string Path, string? Query, string? Fragment);

    private static Parts Split(string url)
    {
        // RFC 3986 Appendix B, with the scheme restricted to its §3.1 syntax so "stream=0:x" stays relative.
        var m = UriPattern().Match(url);
        return new Parts(
            m.Groups[2].Success ? m.Groups[2].Value : null,
            m.Groups[4].Success ? m.Groups[4].Value : null,
            m.Groups[5].Value,
            m.Groups[7].Success ? m.Groups[7].Value : null,
            m.Groups[9].Success ? m.Groups[9].Value : null);
    }

    /// <summary>RFC 3986 §5.2.3.</summary>
    private static string Merge(Parts b, string relativePath)
    {
        if (b.Authority is not null && b.Path.Length == 0)
        {
            return "/" + relativePath;
        }

        var slash = b.Path.LastIndexOf('/');
        return slash < 0 ? relativePath : b.Path[..(slash + 1)] + relativePath;
    }

    /// <summary>RFC 3986 §5.2.4.</summary>
    private static string RemoveDotSegments(string path)
    {
        var input = path;
        var output = new StringBuilder();
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal) || input == "/..")
            {
                input = input.Length == 3 ? "/" : input[3..];
                var last = output.ToString().LastIndexOf('/');
                output.Length = Math.Max(last, 0);
            }
            else if (input is "." or "..")
            {
                input = "";
            }
            else
            {
                var next = input.IndexOf('/', 1);
                var segment = next < 0 ? input : input[..next];
                output.Append(segment);
                input = input[segment.Length..];
            }
        }

        return output.ToString();
    }

    private static string Join(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var s = new StringBuilder();
        if (scheme is not null)
        {
            s.Append(scheme).Append(':');
        }

        if (authority is not null)
        {
            s.Append("//").Append(authority);
        }

        s.Append(path);
        if (query is not null)
        {
            s.Append('?').Append(query);
        }

        if (fragment is not null)
        {
            s.Append('#').Append(fragment);
        }

        return s.ToString();
    }

    [GeneratedRegex(@"^(([A-Za-z][A-Za-z0-9+.\-]*):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$", RegexOptions.Singleline)]
    private static partial Regex UriPattern();
}
