using System.Text.RegularExpressions;
using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Runner;

/// <summary>What the run points at: the presentation URL (e.g. rtsp://127.0.0.1:8554/sample.mjpeg) and its parts.</summary>
/// <param name="Url">The presentation URL without userinfo: credentials never appear in a request URI or a report.</param>
/// <param name="IsReferenceServer">True when the harness started the reference server itself (scenarios needing server
/// options can then get a server of their own).</param>
public sealed partial record TargetInfo(Uri Url, bool IsReferenceServer)
{
    public string Host => Url.Host;

    public int Port => Url.IsDefaultPort || Url.Port < 0 ? 554 : Url.Port;

    /// <summary>rtsp://host:port/ — for scenarios that address other paths ({base}no/such/path).</summary>
    public string BaseUrl => $"{Url.Scheme}://{Url.Host}:{Port}/";

    /// <summary>The credentials every request answers a 401 with (from <c>--user/--password</c> or the URL's userinfo).</summary>
    public Credentials? Credentials { get; init; }

    /// <summary>The live presentation for scenarios that need live media ({live}); null when the run has none.</summary>
    public Uri? LiveUrl { get; init; }

    /// <summary>What the preflight DESCRIBE learned about the presentation (kind, length, frame rate).</summary>
    public TargetPresentation Presentation { get; init; } = TargetPresentation.Unknown("not described yet");

    /// <summary>
    /// Parses rtsp://[user[:password]@]host[:port]/path. The userinfo (percent-decoded, RFC 3986 §3.2.1) becomes
    /// <see cref="Credentials"/> unless <paramref name="credentials"/> are given, and is removed from the URL.
    /// </summary>
    public static TargetInfo Parse(string url, bool isReferenceServer = false, Credentials? credentials = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "rtsp" || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{Redact(url)}' is not an rtsp://host[:port]/path URL");
        }

        var fromUrl = FromUserInfo(uri.UserInfo);
        var bare = new Uri(uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped));
        return new TargetInfo(bare, isReferenceServer) { Credentials = credentials ?? fromUrl };
    }

    /// <summary>The URL with its password replaced by *** (for anything printed or written).</summary>
    public static string Redact(string url) => UserInfoPattern().Replace(url, m => $"{m.Groups[1].Value}{m.Groups[2].Value}:***@");

    public override string ToString() => Url.ToString();

    private static Credentials? FromUserInfo(string userInfo)
    {
        if (string.IsNullOrEmpty(userInfo))
        {
            return null;
        }

        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new Credentials(Uri.UnescapeDataString(userInfo), string.Empty)
            : new Credentials(Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.-]*://)([^:@/]*):[^@/]*@")]
    private static partial Regex UserInfoPattern();
}
