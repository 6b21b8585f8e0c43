using System.CommandLine;
using Rtsp.Server.Limits;

namespace Rtsp.Ref.Serve;

/// <summary>
/// The `serve` options that bound what clients may take (<see cref="ServerLimits"/>). Each description says what a
/// client gets at the limit; the server logs one line naming the limit, the client and the option.
/// </summary>
public sealed class LimitOptions
{
    private static readonly ServerLimits Defaults = new();

    private readonly Option<int> _connections = Count(ServerLimits.MaxConnectionsOption, Defaults.MaxConnections,
        "RTSP connections open at once; one more is answered 503 with Retry-After and closed");

    private readonly Option<int> _perAddress = Count(ServerLimits.MaxConnectionsPerAddressOption, Defaults.MaxConnectionsPerAddress,
        "RTSP connections open at once from one client address; one more is answered 503 with Retry-After and closed");

    private readonly Option<int> _sessions = Count(ServerLimits.MaxSessionsPerConnectionOption, Defaults.MaxSessionsPerConnection,
        "live sessions set up over one connection; one more SETUP is answered 453 Not Enough Bandwidth");

    private readonly Option<int> _ports = Count(ServerLimits.MaxRtpPortsPerConnectionOption, Defaults.MaxRtpPortsPerConnection,
        "server UDP ports held by sessions set up over one connection (2 per UDP session); a UDP SETUP beyond is answered 453");

    private readonly Option<int> _rate = Count(ServerLimits.MaxRequestsPerSecondOption, Defaults.MaxRequestsPerSecond,
        "requests a second on one connection (also the burst allowed); each request over it is answered 503 with Retry-After");

    private readonly Option<int> _headerBytes = Count(ServerLimits.MaxHeaderBytesOption, Defaults.MaxHeaderBytes,
        "bytes of a request's headers (also caps the request line and each header line); larger: 400 Request Header Fields Too Large (414 for the request line) and close");

    private readonly Option<int> _headers = Count(ServerLimits.MaxHeadersOption, Defaults.MaxHeaders,
        "header fields in one request; more: 400 Request Header Fields Too Large and close");

    private readonly Option<int> _bodyBytes = Count(ServerLimits.MaxBodyBytesOption, Defaults.MaxBodyBytes,
        "bytes of a request body (Content-Length); larger: 413 and close");

    private readonly Option<double> _requestTimeout = new(ServerLimits.RequestTimeoutOption)
    {
        Description = "seconds from a request's first byte to its last (slowloris); slower: 408 and close",
        DefaultValueFactory = _ => Defaults.RequestTimeout.TotalSeconds,
    };

    private readonly Option<double?> _idleTimeout = new(ServerLimits.IdleTimeoutOption)
    {
        Description = "seconds a connection may stay silent before it is closed (UDP sessions outlive it); default: --session-timeout",
    };

    public IEnumerable<Option> All => [_connections, _perAddress, _sessions, _ports, _rate, _headerBytes, _headers, _bodyBytes, _requestTimeout, _idleTimeout];

    /// <summary>The limits as given; <see cref="ServerLimits.Validate"/> (through the server options) checks them.</summary>
    public ServerLimits Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new ServerLimits
        {
            MaxConnections = parse.GetValue(_connections),
            MaxConnectionsPerAddress = parse.GetValue(_perAddress),
            MaxSessionsPerConnection = parse.GetValue(_sessions),
            MaxRtpPortsPerConnection = parse.GetValue(_ports),
            MaxRequestsPerSecond = parse.GetValue(_rate),
            MaxHeaderBytes = parse.GetValue(_headerBytes),
            MaxHeaders = parse.GetValue(_headers),
            MaxBodyBytes = parse.GetValue(_bodyBytes),
            RequestTimeout = Seconds(parse.GetValue(_requestTimeout), ServerLimits.RequestTimeoutOption),
            IdleTimeout = parse.GetValue(_idleTimeout) is { } idle ? Seconds(idle, ServerLimits.IdleTimeoutOption) : null,
        };
    }

    private static Option<int> Count(string name, int defaultValue, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    private static TimeSpan Seconds(double value, string option) =>
        double.IsFinite(value) && value is >= 0 and <= 86400
            ? TimeSpan.FromSeconds(value)
            : throw new ArgumentException($"{option} {value}: must be a number of seconds up to 86400");
}
