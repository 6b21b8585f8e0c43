namespace Rtsp.Client.Session;

/// <summary>
/// An <c>rtsp://[user[:password]@]host[:port]/path</c> URL split into what the client needs: where to connect,
/// the credentials (percent-decoded, RFC 3986 §3.2.1) and the URL to put in requests, which never carries the
/// credentials (they go in the Authorization header only, so they do not leak into server logs).
/// </summary>
public sealed record RtspUrl
{
    /// <summary>RFC 2326 §3.2: the default port of the rtsp scheme.</summary>
    public const int DefaultPort = 554;

    private RtspUrl(string requestUrl, string host, int port, string? userName, string? password)
    {
        RequestUrl = requestUrl;
        Host = host;
        Port = port;
        UserName = userName;
        Password = password;
    }

    /// <summary>The URL without user information, as sent in DESCRIBE and used as the base for control URLs.</summary>
    public string RequestUrl { get; }

    /// <summary>The host to connect to (IPv6 literals without brackets).</summary>
    public string Host { get; }

    public int Port { get; }

    public string? UserName { get; }

    public string? Password { get; }

    public bool HasCredentials => UserName is not null;

    /// <summary>Parses <paramref name="url"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static RtspUrl Parse(string url)
    {
        if (!TryParse(url, out var parsed, out var error))
        {
            throw new FormatException(error);
        }

        return parsed;
    }

    public static bool TryParse(string? url, out RtspUrl parsed, out string error)
    {
        parsed = null!;
        if (string.IsNullOrWhiteSpace(url))
        {
            error = "The URL is empty; give one like rtsp://127.0.0.1:8554/sample.mjpeg.";
            return false;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            error = $"'{url}' is not a URL; give one like rtsp://127.0.0.1:8554/sample.mjpeg.";
            return false;
        }

        if (!string.Equals(uri.Scheme, "rtsp", StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{url}' uses the scheme '{uri.Scheme}'; only rtsp:// is supported (no rtsps, no rtspu).";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{url}' has no host.";
            return false;
        }

        string? user = null;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? string.Empty : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        var withoutCredentials = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        var port = uri.Port > 0 ? uri.Port : DefaultPort;
        parsed = new RtspUrl(withoutCredentials.Uri.AbsoluteUri, uri.IdnHost.Trim('[', ']'), port, user, password);
        error = string.Empty;
        return true;
    }

    public override string ToString() => RequestUrl;
}
