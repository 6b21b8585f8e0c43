namespace Rtsp.Client;

/// <summary>
/// Every failure the client reports: the message says what happened on the wire in words a user can act on
/// (which request, what the server answered or failed to answer).
/// </summary>
public class RtspClientException : Exception
{
    public RtspClientException(string message) : base(message) { }

    public RtspClientException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The server broke the protocol: a CSeq that does not match, a malformed message, a closed connection,
/// a SETUP answer without a Session, and so on.</summary>
public sealed class RtspServerBehaviourException : RtspClientException
{
    public RtspServerBehaviourException(string message) : base(message) { }

    public RtspServerBehaviourException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The server answered a request with a status other than 2xx.</summary>
public sealed class RtspStatusException : RtspClientException
{
    public RtspStatusException(string method, int statusCode, string reasonPhrase)
        : base($"{method} was answered {statusCode} {reasonPhrase}.")
    {
        Method = method;
        StatusCode = statusCode;
    }

    public string Method { get; }

    public int StatusCode { get; }
}

/// <summary>A wait ran out: no answer to a request, no connection, no media.</summary>
public sealed class RtspTimeoutException : RtspClientException
{
    public RtspTimeoutException(string message) : base(message) { }
}
