using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Limits;

/// <summary>
/// How much any one client may take from the server (`rtsp-ref serve --max-connections` ... see its --help).
/// The defaults leave ordinary players (ffmpeg, GStreamer, VLC: one connection, a request every few seconds, one
/// session per track) far below every limit while bounding what a hostile or broken peer can hold.
/// Each limit, when reached, answers with a status or closes, and logs one line through <see cref="LimitLog"/>
/// that names the limit, the client and the option to raise.
/// </summary>
public sealed record ServerLimits
{
    public const string MaxConnectionsOption = "--max-connections";
    public const string MaxConnectionsPerAddressOption = "--max-connections-per-address";
    public const string MaxSessionsPerConnectionOption = "--max-sessions-per-connection";
    public const string MaxRtpPortsPerConnectionOption = "--max-rtp-ports-per-connection";
    public const string MaxRequestsPerSecondOption = "--max-requests-per-second";
    public const string MaxHeaderBytesOption = "--max-header-bytes";
    public const string MaxHeadersOption = "--max-headers";
    public const string MaxBodyBytesOption = "--max-body-bytes";
    public const string RequestTimeoutOption = "--request-timeout";
    public const string IdleTimeoutOption = "--idle-timeout";

    /// <summary>Open RTSP connections in all; beyond: 503 with Retry-After, then close.</summary>
    public int MaxConnections { get; init; } = 1000;

    /// <summary>Open RTSP connections from one client address at once; beyond: 503 with Retry-After, then close.</summary>
    public int MaxConnectionsPerAddress { get; init; } = 100;

    /// <summary>Live sessions set up over one connection; the next SETUP: 453 Not Enough Bandwidth.</summary>
    public int MaxSessionsPerConnection { get; init; } = 16;

    /// <summary>Server UDP ports (2 per UDP session: RTP and RTCP) held by sessions set up over one connection; beyond: 453.</summary>
    public int MaxRtpPortsPerConnection { get; init; } = 32;

    /// <summary>
    /// Requests one connection may send per second, and as a burst (a token bucket holding one second's worth, so 300
    /// pipelined requests pass). Beyond: 503 with Retry-After for each request over the rate.
    /// </summary>
    public int MaxRequestsPerSecond { get; init; } = 500;

    /// <summary>
    /// Bytes of a request's start line and headers; it also caps the request line and each header line (which are
    /// 4 KiB and 8 KiB by default). Beyond: 400 "Request Header Fields Too Large" (414 for a request line), then close.
    /// </summary>
    public int MaxHeaderBytes { get; init; } = RtspParserLimits.Default.MaxHeaderBytes;

    /// <summary>Header fields in one request; beyond: 400 "Request Header Fields Too Large", then close. Players send
    /// fewer than 10; the cap bounds the per-request work a client can ask for in small header lines.</summary>
    public int MaxHeaders { get; init; } = RtspParserLimits.Default.MaxHeaderCount;

    /// <summary>Bytes of a request body (Content-Length); beyond: 413, then close. The server only reads small
    /// GET_PARAMETER / SET_PARAMETER bodies, and the parser allocates the announced length up front.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Time from a request's first byte to its last (slowloris); beyond: 408, then close.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time a connection may stay silent before it is closed; null: the session timeout, so a client that
    /// keeps its session alive with requests on the connection is never cut off.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>What a client refused for connections is told to wait (Retry-After, RFC 2326 12.31).</summary>
    public TimeSpan ConnectionRetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The message parser's limits with the header and body sizes applied.</summary>
    public RtspParserLimits ParserLimits => RtspParserLimits.Default with
    {
        MaxHeaderBytes = MaxHeaderBytes,
        MaxHeaderCount = MaxHeaders,
        MaxStartLineLength = Math.Min(RtspParserLimits.Default.MaxStartLineLength, MaxHeaderBytes),
        MaxHeaderLineLength = Math.Min(RtspParserLimits.Default.MaxHeaderLineLength, MaxHeaderBytes),
        MaxBodyLength = MaxBodyBytes,
    };

    /// <summary>Which option governs a parse error, and its value; null for errors no option changes.</summary>
    public (string Option, string Value)? LimitFor(RtspParseError error) => error switch
    {
        RtspParseError.StartLineTooLong or RtspParseError.HeaderLineTooLong or RtspParseError.HeadersTooLarge
            => (MaxHeaderBytesOption, $"{MaxHeaderBytes} bytes"),
        RtspParseError.TooManyHeaders => (MaxHeadersOption, $"{MaxHeaders} fields"),
        RtspParseError.BodyTooLarge => (MaxBodyBytesOption, $"{MaxBodyBytes} bytes"),
        _ => null,
    };

    /// <summary>Checks the values; throws ArgumentException that names the option and says what is allowed.</summary>
    public void Validate()
    {
        Require(MaxConnections >= 1, MaxConnectionsOption, MaxConnections, "at least 1");
        Require(MaxConnectionsPerAddress >= 1, MaxConnectionsPerAddressOption, MaxConnectionsPerAddress, "at least 1");
        Require(MaxSessionsPerConnection >= 1, MaxSessionsPerConnectionOption, MaxSessionsPerConnection, "at least 1");
        Require(MaxRtpPortsPerConnection >= 2, MaxRtpPortsPerConnectionOption, MaxRtpPortsPerConnection, "at least 2 (one RTP/RTCP pair)");
        Require(MaxRequestsPerSecond >= 1, MaxRequestsPerSecondOption, MaxRequestsPerSecond, "at least 1");
        Require(MaxHeaderBytes >= 256, MaxHeaderBytesOption, MaxHeaderBytes, "at least 256 (a SETUP with its Transport header needs a few hundred)");
        Require(MaxHeaders >= 8, MaxHeadersOption, MaxHeaders, "at least 8 (a SETUP with authentication carries 5 or 6)");
        Require(MaxBodyBytes >= 0, MaxBodyBytesOption, MaxBodyBytes, "0 or more");
        Require(RequestTimeout >= TimeSpan.FromSeconds(1), RequestTimeoutOption, RequestTimeout.TotalSeconds, "at least 1 second");
        if (IdleTimeout is { } idle)
            Require(idle >= TimeSpan.FromSeconds(1), IdleTimeoutOption, idle.TotalSeconds, "at least 1 second");
    }

    private static void Require(bool ok, string option, object value, string rule)
    {
        if (!ok)
            throw new ArgumentException($"{option} {value}: must be {rule}");
    }
}
