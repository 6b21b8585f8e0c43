namespace Rtsp.Server.Faults;

/// <summary>One hostile behaviour: its command-line name, what it attacks in a peer, and exactly what the server does.</summary>
public sealed record HostileBehaviour(HostileKind Kind, string Name, string Attacks, string Behaviour);

/// <summary>
/// Every hostile behaviour (<c>rtsp-ref serve --hostile NAME</c>). They are a family apart from the fault switches:
/// a fault switch breaks one rule so the harness can prove the check made for it; a hostile behaviour breaks the
/// stream a peer reads, so the tests can prove the harness and the client stop in time, with a clear verdict or
/// error and bounded memory. Each one is bounded on the server too: nothing runs longer than
/// <see cref="MaxSeconds"/> or writes more than <see cref="MaxBytes"/> per connection, and a closed connection
/// stops it at once.
/// </summary>
public static class HostileCatalog
{
    /// <summary>What replaces the status line of every response (not a status line, not a request line either).</summary>
    public const string GarbageLine = "@@@ garbage instead of a status line @@@";

    /// <summary>The Content-Length every response claims with huge-content-length: 2 GiB, one more than int.MaxValue.</summary>
    public const long HugeContentLength = 2L * 1024 * 1024 * 1024;

    /// <summary>Bytes a truncated interleaved frame announces, and how many of them are sent before the close.</summary>
    public const int TruncatedFrameLength = 65535;

    public const int TruncatedFrameSent = 10;

    /// <summary>rtp-flood: frames leave this many times faster than the frame rate...</summary>
    public const int FloodFactor = 40;

    /// <summary>...for this long after each PLAY (stored media wraps around meanwhile); then the normal pace resumes.</summary>
    public const int FloodSeconds = 3;

    /// <summary>Bound on each endless behaviour (endless headers, the 2 GiB body, the drip), per connection.</summary>
    public const int MaxSeconds = 60;

    public const long MaxBytes = 64L * 1024 * 1024;

    public static IReadOnlyList<HostileBehaviour> All { get; } =
    [
        new(HostileKind.GarbageStatusLine, "garbage-status-line", "the status-line parser",
            $"every response starts with the line '{GarbageLine}' instead of 'RTSP/1.0 200 OK' (headers and body follow as usual)"),
        new(HostileKind.EndlessHeaders, "endless-headers", "header size limits",
            $"every response's header lines never end: after the real headers come 'X-Endless-N: xxx...' lines until the client closes ({MaxSeconds} s / {MaxBytes / (1024 * 1024)} MiB at most)"),
        new(HostileKind.HugeContentLength, "huge-content-length", "body size limits",
            $"every response claims 'Content-Length: {HugeContentLength}' (2 GiB) and its body is the real one followed by filler bytes until the client closes ({MaxSeconds} s / {MaxBytes / (1024 * 1024)} MiB at most)"),
        new(HostileKind.SlowDrip, "slow-drip", "per-read deadlines (a response that never completes)",
            $"every response is written one byte per second (stops when the client closes, or after {MaxSeconds} s)"),
        new(HostileKind.TruncatedInterleaved, "truncated-interleaved", "interleaved frame handling (RFC 2326 10.12)",
            $"over TCP, the first interleaved packet after PLAY is a '$' frame announcing {TruncatedFrameLength} bytes of which {TruncatedFrameSent} are sent, then the server closes the connection (UDP sessions are not affected)"),
        new(HostileKind.RtpFlood, "rtp-flood", "receive rate and buffering",
            $"for {FloodSeconds} s after each PLAY of stored media, frames leave {FloodFactor} times faster than the frame rate (the media wraps around; timestamps stay nominal), then the normal pace resumes (live sources keep their camera's pace)"),
        new(HostileKind.SilenceAfterPlay, "silence-after-200", "the wait for the first packet",
            "PLAY answers 200 with RTP-Info as usual, but no RTP and no RTCP is ever sent (UDP or TCP)"),
    ];

    public static HostileBehaviour Get(HostileKind kind) => All.First(h => h.Kind == kind);

    /// <summary>The behaviour named <paramref name="name"/>; ArgumentException naming it when there is none.</summary>
    public static HostileKind Parse(string name) =>
        All.FirstOrDefault(h => string.Equals(h.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))?.Kind
        ?? throw new ArgumentException($"unknown hostile behaviour '{name}'; `rtsp-ref serve --hostile list` shows the names");

    /// <summary>The list `--hostile list` (and `--fault list`) prints: one entry per behaviour.</summary>
    public static string Describe() =>
        string.Join(Environment.NewLine, All.Select(h => $"{h.Name,-22} attacks: {h.Attacks}{Environment.NewLine}{"",-22} does:    {h.Behaviour}"));
}
