namespace Rtsp.Protocol.Rtsp;

/// <summary>Malformed or over-limit RTSP input, with the status code and reason phrase a server should answer
/// with before closing the connection.</summary>
public sealed class RtspParseException : ProtocolFormatException
{
    /// <summary>RFC 6585 §5 names 431 for oversized headers, but RTSP 1.0 has no 431: we answer 400 and carry
    /// the 431 wording in the reason phrase so the peer still learns what was wrong.</summary>
    public const string HeaderFieldsTooLargeReason = "Request Header Fields Too Large";

    public RtspParseException(RtspParseError error, string detail, bool inResponse = false)
        : base($"{error}: {detail}")
    {
        Error = error;
        Detail = detail;
        (StatusCode, ReasonPhrase) = StatusFor(error, inResponse);
    }

    public RtspParseError Error { get; }

    /// <summary>What exactly was wrong, for logs (no input echoed beyond a short excerpt).</summary>
    public string Detail { get; }

    public int StatusCode { get; }

    /// <summary>The CSeq of the rejected message when it was read before the error (a valid number), for the
    /// error response to echo; null when the error came first.</summary>
    public string? CSeq { get; init; }

    public string ReasonPhrase { get; }

    /// <summary>For a header line over the limit: its field name, when the colon was read before the limit.</summary>
    public string? FieldName { get; init; }

    private static (int, string) StatusFor(RtspParseError error, bool inResponse)
    {
        var code = error switch
        {
            RtspParseError.StartLineTooLong when !inResponse => RtspStatus.RequestUriTooLarge,
            RtspParseError.BodyTooLarge => RtspStatus.RequestEntityTooLarge,
            RtspParseError.UnsupportedVersion => RtspStatus.RtspVersionNotSupported,
            _ => RtspStatus.BadRequest,
        };
        var reason = error is RtspParseError.TooManyHeaders or RtspParseError.HeaderLineTooLong or RtspParseError.HeadersTooLarge
            ? HeaderFieldsTooLargeReason
            : RtspStatus.ReasonPhrase(code);
        return (code, reason);
    }
}
