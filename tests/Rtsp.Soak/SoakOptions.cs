namespace Rtsp.Soak;

/// <summary>What a soak run does (see `Rtsp.Soak --help` for each option).</summary>
public sealed record SoakOptions
{
    /// <summary>Wall time of the run from the moment the streams are up, both quiet windows included.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Cycles over the whole run; the run stops cycling at whichever of this and <see cref="Duration"/> comes first.</summary>
    public long Cycles { get; init; } = 10_000;

    public int Streams { get; init; } = 50;

    public int Workers { get; init; } = 4;

    /// <summary>An already running server (rtsp://HOST:PORT/) to soak instead of starting rtsp-ref; needs <see cref="TargetPid"/>.</summary>
    public Uri? Target { get; init; }

    /// <summary>The PID of <see cref="Target"/>'s process, whose /proc entries are sampled.</summary>
    public int? TargetPid { get; init; }

    /// <summary>The server's session timeout: the drains wait this long (plus 2 s) for abandoned UDP sessions to be
    /// reaped. Given to the server we start; must match what an external target was started with.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Stored media the cycles play from 0 (short sessions).</summary>
    public string CycleMedia { get; init; } = "sample.mjpeg";

    /// <summary>Live media the streaming sessions play for the whole run.</summary>
    public string StreamMedia { get; init; } = "live/pattern";

    /// <summary>Extra arguments for the rtsp-ref serve process we start (e.g. a raised limit).</summary>
    public IReadOnlyList<string> ServerArguments { get; init; } = [];

    /// <summary>Print a row of the series every this many seconds (and at every phase change).</summary>
    public int TableEverySeconds { get; init; } = 10;

    public string? ReportPath { get; init; }

    /// <summary>Share of the run (time or cycles, whichever is reached first) spent warming up before the baseline.</summary>
    public double WarmUpShare { get; init; } = 0.10;

    /// <summary>The server's RSS climbs for the first few thousand cycles (measured here: 142 MiB after 1,000 cycles,
    /// 163 after 3,000, ~172 after 6,000, then flat to 162,000): a baseline taken before that would charge the warm-up
    /// to the run. So warm-up lasts at least this long, then goes on while RSS still climbs, up to
    /// <see cref="MaximumWarmUpShare"/>.</summary>
    public static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(12);

    /// <summary>The warm-up never takes more than this share of the cycles or of the time: most of the run is judged.</summary>
    public const double MaximumWarmUpShare = 0.35;

    /// <summary>After the last cycle, abandoned UDP sessions live one timeout; the reaper runs every 0.5 s; 2 s more
    /// covers a busy machine. When the server answers the session query the drain goes on (up to
    /// <see cref="DrainLimit"/>) until it holds only the streams.</summary>
    public TimeSpan Drain => SessionTimeout + TimeSpan.FromSeconds(2);

    /// <summary>The longest a drain waits for the abandoned sessions to go; after that the window is taken anyway
    /// and the session accounting fails the run.</summary>
    public TimeSpan DrainLimit => 3 * SessionTimeout + TimeSpan.FromSeconds(5);

    public const int WindowSamples = 3;

    /// <summary>Checks the values; throws ArgumentException naming the option and what is allowed.</summary>
    public void Validate()
    {
        if (Cycles < 1)
            throw new ArgumentException("--cycles: at least 1");
        if (Streams < 0)
            throw new ArgumentException("--streams: 0 or more");
        if (Workers < 1 || Workers > 64)
            throw new ArgumentException("--workers: 1..64");
        if (SessionTimeout < TimeSpan.FromSeconds(1))
            throw new ArgumentException("--session-timeout: at least 1 second");
        var quiet = 2 * (Drain + TimeSpan.FromSeconds(WindowSamples + 1));
        if (Duration < quiet + MinimumWarmUp + TimeSpan.FromSeconds(10))
            throw new ArgumentException($"--minutes {Duration.TotalMinutes:0.##}: too short; the two quiet windows alone take {quiet.TotalSeconds:0} s (at least {(quiet + MinimumWarmUp + TimeSpan.FromSeconds(10)).TotalMinutes:0.##} min)");
        if (Target is not null && TargetPid is null)
            throw new ArgumentException("--target needs --pid: the server process's /proc entries are what is sampled");
        if (Target is not null && Target.Scheme != "rtsp")
            throw new ArgumentException($"--target {Target}: expected rtsp://HOST:PORT/");
        if (TableEverySeconds < 1)
            throw new ArgumentException("--table-every: at least 1 second");
    }
}
