namespace Rtsp.Protocol.Rtsp;

/// <summary>Hard limits of the message parser: input beyond them is rejected as soon as it crosses the limit, so
/// a peer can never make us buffer more than these sizes.</summary>
public sealed record RtspParserLimits
{
    public static RtspParserLimits Default { get; } = new();

    /// <summary>Bytes of the request or status line, without its line end (over: 414 for a request).</summary>
    public int MaxStartLineLength { get; init; } = 4096;

    public int MaxHeaderCount { get; init; } = 64;

    /// <summary>Bytes of one header field, continuation lines included, without line ends.</summary>
    public int MaxHeaderLineLength { get; init; } = 8192;

    /// <summary>Bytes of the whole header section, line ends included.</summary>
    public int MaxHeaderBytes { get; init; } = 32768;

    public int MaxBodyLength { get; init; } = 1024 * 1024;
}
