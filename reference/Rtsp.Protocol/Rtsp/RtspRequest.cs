namespace Rtsp.Protocol.Rtsp;

/// <summary>An RTSP request (RFC 2326 §6): <c>Method SP Request-URI SP RTSP-Version</c>.</summary>
public sealed class RtspRequest : RtspMessage
{
    public RtspRequest(string method, string uri)
    {
        if (!RtspSyntax.IsToken(method))
        {
            throw new ArgumentException($"'{method}' is not a valid RTSP method (a token).", nameof(method));
        }

        ArgumentException.ThrowIfNullOrEmpty(uri);
        if (uri.AsSpan().IndexOfAny(" \t\r\n\0") >= 0)
        {
            throw new ArgumentException("A request URI must not contain white space, CR, LF or NUL.", nameof(uri));
        }

        Method = method;
        Uri = uri;
    }

    public string Method { get; }

    public string Uri { get; }

    public override string StartLine => $"{Method} {Uri} {Version}";
}
