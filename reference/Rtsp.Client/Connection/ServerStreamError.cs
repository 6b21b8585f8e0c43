using System.Globalization;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Client.Connection;

/// <summary>
/// Words for what a server's byte stream did wrong, naming the limit it crossed: a reply that is not RTSP, headers
/// or a body larger than the client accepts, or a connection closed halfway through a message or an interleaved frame.
/// </summary>
internal static class ServerStreamError
{
    public static string Describe(RtspParseException e, RtspParserLimits limits) => e.Error switch
    {
        RtspParseError.MalformedStartLine or RtspParseError.UnsupportedVersion or RtspParseError.StartLineTooLong
            => $"The server's reply is not RTSP: it does not start with a status line ({e.Detail}).",
        RtspParseError.TooManyHeaders or RtspParseError.HeaderLineTooLong or RtspParseError.HeadersTooLarge
            => $"The server's response headers exceed the client's limits ({e.Detail}; at most {limits.MaxHeaderCount} fields, {Size(limits.MaxHeaderLineLength)} a field, {Size(limits.MaxHeaderBytes)} in all).",
        RtspParseError.BodyTooLarge
            => $"The server's response body is too large: {e.Detail}.",
        _ => $"The server sent bytes that are not RTSP: {e.Error}: {e.Detail}",
    };

    /// <summary>Why the stream ended when the server closed it: mid-frame, mid-message, or between items.</summary>
    public static string Closed(InterleavedDemultiplexer demultiplexer) => demultiplexer switch
    {
        { PartialFrame: { } frame } => string.Create(CultureInfo.InvariantCulture,
            $"The server sent {frame.Received} bytes of a {frame.Length}-byte interleaved frame (channel {frame.Channel}) then closed the RTSP connection."),
        { HasPartialMessage: true } => "The server closed the RTSP connection in the middle of a response.",
        _ => "The server closed the RTSP connection.",
    };

    private static string Size(int bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
        : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB"
        : $"{bytes} bytes";
}
