namespace Rtsp.Protocol.Rtsp;

/// <summary>Why the message parser rejected its input; <see cref="RtspParseException.StatusCode"/> says what to answer.</summary>
public enum RtspParseError
{
    /// <summary>Request line or status line longer than the limit (414 for a request).</summary>
    StartLineTooLong,

    /// <summary>Not <c>Method SP URI SP Version</c> nor <c>Version SP Code SP Reason</c> (400).</summary>
    MalformedStartLine,

    /// <summary>A protocol version other than RTSP/1.0 in a request, e.g. RTSP/2.0 or HTTP/1.1 (505).</summary>
    UnsupportedVersion,

    /// <summary>More header fields than allowed (400, "Request Header Fields Too Large").</summary>
    TooManyHeaders,

    /// <summary>One header field longer than allowed (400, "Request Header Fields Too Large").</summary>
    HeaderLineTooLong,

    /// <summary>The header section larger than allowed (400, "Request Header Fields Too Large").</summary>
    HeadersTooLarge,

    /// <summary>A header line without a colon, with an invalid name, or a continuation line with nothing to continue (400).</summary>
    InvalidHeaderLine,

    /// <summary>Content-Length negative, not a number, or several different values (400).</summary>
    InvalidContentLength,

    /// <summary>Content-Length above the body limit (413).</summary>
    BodyTooLarge,

    /// <summary>NUL or another control character in the start line or a header (400).</summary>
    ControlCharacters,
}
