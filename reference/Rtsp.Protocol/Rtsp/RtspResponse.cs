namespace Rtsp.Protocol.Rtsp;

/// <summary>An RTSP response (RFC 2326 §7): <c>RTSP-Version SP Status-Code SP Reason-Phrase</c>.</summary>
public sealed class RtspResponse : RtspMessage
{
    /// <summary>A response with the RFC 2326 §7.1.1 reason phrase of <paramref name="statusCode"/>.</summary>
    public RtspResponse(int statusCode)
        : this(statusCode, RtspStatus.ReasonPhrase(statusCode))
    {
    }

    public RtspResponse(int statusCode, string reasonPhrase)
    {
        if (statusCode is < 100 or > 999)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A status code has three digits.");
        }

        ArgumentNullException.ThrowIfNull(reasonPhrase);
        if (reasonPhrase.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("A reason phrase must not contain CR, LF or NUL.", nameof(reasonPhrase));
        }

        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public override string StartLine => $"{Version} {StatusCode} {ReasonPhrase}";
}
