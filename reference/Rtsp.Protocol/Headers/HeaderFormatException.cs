namespace Rtsp.Protocol.Headers;

/// <summary>A header value that does not follow its grammar. A server answers it with 400 Bad Request (or a more
/// precise code the caller chooses, e.g. 461 for a Transport it cannot serve).</summary>
public sealed class HeaderFormatException : ProtocolFormatException
{
    public HeaderFormatException(string headerName, string? value, string reason)
        : base($"Invalid {headerName} header '{Excerpt(value)}': {reason}")
    {
        HeaderName = headerName;
        Reason = reason;
    }

    public string HeaderName { get; }

    public string Reason { get; }

    private static string Excerpt(string? value) =>
        value is null ? "(null)" : value.Length <= 80 ? value : value[..80] + "...";
}
