namespace Rtsp.Harness.Runner;

/// <summary>What the run points at: the presentation URL (e.g. rtsp://127.0.0.1:8554/sample.mjpeg) and its parts.</summary>
/// <param name="IsReferenceServer">True when the harness started the reference server itself (scenarios needing server
/// options can then get a server of their own).</param>
public sealed record TargetInfo(Uri Url, bool IsReferenceServer)
{
    public string Host => Url.Host;

    public int Port => Url.IsDefaultPort || Url.Port < 0 ? 554 : Url.Port;

    /// <summary>rtsp://host:port/ — for scenarios that address other paths ({base}no/such/path).</summary>
    public string BaseUrl => $"{Url.Scheme}://{Url.Host}:{Port}/";

    public static TargetInfo Parse(string url, bool isReferenceServer = false)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "rtsp" || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{url}' is not an rtsp://host[:port]/path URL");
        }

        return new TargetInfo(uri, isReferenceServer);
    }

    public override string ToString() => Url.ToString();
}
