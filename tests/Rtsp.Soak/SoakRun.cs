using System.Diagnostics;
using Rtsp.Soak.Load;
using Rtsp.Soak.Reporting;
using Rtsp.Soak.Sampling;
using Rtsp.Soak.Target;
using Rtsp.Soak.Verdict;

namespace Rtsp.Soak;

/// <summary>
/// One soak run: start (or attach to) the server, bring up the streaming sessions, then
/// warm-up cycles → drain → baseline window → the bulk of the cycles → drain → end window, sampling the server
/// every second throughout; then tear the streams down and judge (<see cref="GrowthVerdict"/>, cycle errors,
/// stream losses, session accounting). The drains wait one session timeout (+2 s) with no cycles, so the UDP
/// sessions abandoned without TEARDOWN are reaped before each window: both windows hold the streams and nothing else.
/// </summary>
public static class SoakRun
{
    private static readonly TimeSpan StreamStartTimeout = TimeSpan.FromSeconds(10);

    public static async Task<SoakResult> RunAsync(SoakOptions options, TextWriter log, CancellationToken cancel)
    {
        options.Validate();
        var startedUtc = DateTime.UtcNow;
        await using var server = options.Target is null
            ? await ServerUnderTest.StartAsync(options.SessionTimeout, options.Streams, options.ServerArguments)
            : ServerUnderTest.External(options.Target, options.TargetPid!.Value);
        log.WriteLine($"server: PID {server.Pid}, {server.Url} ({(server.StartedHere ? $"rtsp-ref started here, session timeout {options.SessionTimeout.TotalSeconds:0} s" : "external")})");
        await using var sessionCounter = new SessionCounter(server.Url);
        var statistics = new CycleStatistics();
        var streams = Array.Empty<StreamingSession>();
        var sampler = new ResourceSampler(new ProcessResources(server.Pid), sessionCounter,
            () => (statistics.Done, Volatile.Read(ref streams).Sum(s => s.Packets), Volatile.Read(ref streams).Sum(s => s.Lost)));
        var table = new SeriesTable(log, options.TableEverySeconds);
        sampler.Sampled += table.OnSample;
        var failures = new List<string>();
        var cyclingTime = TimeSpan.Zero;
        var drains = new List<TimeSpan>();
        IReadOnlyList<StreamSummary> summaries = [];

        using var stopSampling = new CancellationTokenSource();
        var sampling = Task.Run(() => sampler.RunAsync(stopSampling.Token), CancellationToken.None);
        try
        {
            streams = await StartStreamsAsync(options, server.Url, failures, cancel);
            log.WriteLine($"{streams.Length} streaming sessions playing {options.StreamMedia} ({streams.Count(s => s.Udp)} UDP, {streams.Count(s => !s.Udp)} TCP)");
            table.PrintHeader();
            var runner = new CycleRunner(server.Url, options.CycleMedia, statistics);
            var deadline = DateTime.UtcNow + options.Duration;
            var quietWindow = options.Drain + TimeSpan.FromSeconds(SoakOptions.WindowSamples + 1);

            sampler.Phase = SoakPhase.WarmUp;
            cyclingTime += await WarmUpAsync(runner, sampler, statistics, options, cancel);
            drains.Add(await QuietWindowAsync(sampler, options, SoakPhase.DrainBeforeBaseline, SoakPhase.Baseline, cancel));

            sampler.Phase = SoakPhase.Cycles;
            cyclingTime += await TimedAsync(() => runner.RunAsync(options.Workers, options.Cycles, deadline - quietWindow, cancel));
            drains.Add(await QuietWindowAsync(sampler, options, SoakPhase.DrainBeforeEnd, SoakPhase.End, cancel));

            // Silence is read before the TEARDOWNs (which end the streams); problems after (a TEARDOWN may fail).
            var silentAtEnd = streams.Select(s => s.SinceLastPacket).ToArray();
            foreach (var stream in streams)
                await stream.StopAsync();
            summaries = [.. streams.Select((s, i) => StreamSummary.Of(s, silentAtEnd[i]))];
        }
        finally
        {
            await stopSampling.CancelAsync();
            await sampling;
            foreach (var stream in streams)
                await stream.DisposeAsync();
        }

        var series = sampler.Series;
        // Our server logs at Warning: anything it wrote (but the listening line) is a warning or an error.
        string[] serverLog = [.. server.Output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("listening on", StringComparison.Ordinal))];
        var growth = GrowthVerdict.Judge(series);
        if (sampler.ProcessGone is { } gone)
            failures.Add(gone + (server.Output.Length > 0 ? $"; its output ended: {Tail(server.Output)}" : ""));
        failures.AddRange(growth.Failures);
        if (statistics.Completed == 0)
            failures.Add("no cycle completed: nothing was soaked");
        failures.AddRange(statistics.Errors.ByKind.Select(e => $"{e.Count} cycle(s) failed with {e.Kind} (e.g. {e.Example})"));
        failures.AddRange(summaries.SelectMany(s => s.Failures()));
        failures.AddRange(SessionAccounting(series, options.Streams));
        return new SoakResult(options, startedUtc, server.Url.ToString(), server.Pid, series, statistics, cyclingTime, drains, summaries, growth, serverLog, failures);
    }

    /// <summary>
    /// Cycles until 10 % of the cycles or of the time (whichever first) and at least
    /// <see cref="SoakOptions.MinimumWarmUp"/>; then on, in 5 s steps, while the server's RSS is still climbing
    /// (<see cref="RssSettled"/>), up to <see cref="SoakOptions.MaximumWarmUpShare"/> of the cycles or of the time.
    /// The brief's "once the GC heap has settled", measured rather than assumed.
    /// </summary>
    private static async Task<TimeSpan> WarmUpAsync(CycleRunner runner, ResourceSampler sampler, CycleStatistics statistics, SoakOptions options, CancellationToken cancel)
    {
        long start = Stopwatch.GetTimestamp();
        var spent = TimeSpan.Zero;
        long firstCycles = Math.Max(1, (long)Math.Ceiling(options.Cycles * options.WarmUpShare));
        spent += await TimedAsync(() => runner.RunAsync(options.Workers, firstCycles, DateTime.UtcNow + options.Duration * options.WarmUpShare, cancel));
        long cycleCap = (long)Math.Ceiling(options.Cycles * SoakOptions.MaximumWarmUpShare);
        var timeCap = options.Duration * SoakOptions.MaximumWarmUpShare;
        while (!cancel.IsCancellationRequested && statistics.Started < cycleCap && Stopwatch.GetElapsedTime(start) < timeCap
               && (Stopwatch.GetElapsedTime(start) < SoakOptions.MinimumWarmUp || !RssSettled(sampler.Series)))
        {
            var step = TimeSpan.FromSeconds(5) < timeCap - Stopwatch.GetElapsedTime(start) ? TimeSpan.FromSeconds(5) : timeCap - Stopwatch.GetElapsedTime(start);
            spent += await TimedAsync(() => runner.RunAsync(options.Workers, cycleCap, DateTime.UtcNow + step, cancel));
        }
        return spent;
    }

    /// <summary>The highest RSS of the last 5 warm-up samples is at most 2 % above the highest of the 5 before.</summary>
    internal static bool RssSettled(IReadOnlyList<ResourceSample> series)
    {
        var warm = series.Where(s => s.Phase == SoakPhase.WarmUp).TakeLast(10).ToList();
        return warm.Count == 10 && warm.Skip(5).Max(s => s.RssKiB) <= 1.02 * warm.Take(5).Max(s => s.RssKiB);
    }

    private static async Task<StreamingSession[]> StartStreamsAsync(SoakOptions options, Uri server, List<string> failures, CancellationToken cancel)
    {
        var streams = new List<StreamingSession>();
        var keepAliveEvery = options.SessionTimeout / 3;
        for (int i = 0; i < options.Streams; i++)
        {
            try
            {
                streams.Add(await StreamingSession.StartAsync(i, server, options.StreamMedia, udp: i % 2 == 0, keepAliveEvery, cancel));
            }
            catch (SoakStepException e)
            {
                failures.Add($"stream {i} did not start: {e.Message}");
            }
        }
        var deadline = Stopwatch.GetTimestamp() + (long)(StreamStartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (streams.Any(s => s.Packets == 0) && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(100, cancel);
        failures.AddRange(streams.Where(s => s.Packets == 0).Select(s => $"stream {s.Index} received nothing within {StreamStartTimeout.TotalSeconds:0} s of PLAY"));
        return [.. streams];
    }

    /// <summary>Stops nothing (the cycles have stopped), waits for the abandoned sessions to go, then samples the
    /// window. Returns how long the drain took.</summary>
    private static async Task<TimeSpan> QuietWindowAsync(ResourceSampler sampler, SoakOptions options, SoakPhase drain, SoakPhase window, CancellationToken cancel)
    {
        sampler.Phase = drain;
        long start = Stopwatch.GetTimestamp();
        await Task.Delay(options.Drain, cancel);
        // A busy machine can delay the server's reaper: wait (bounded) until it says it holds only the streams.
        while (Stopwatch.GetElapsedTime(start) < options.DrainLimit
               && sampler.Series.LastOrDefault() is { ServerSessions: int held } && held != options.Streams)
            await Task.Delay(250, cancel);
        var drained = Stopwatch.GetElapsedTime(start);
        sampler.Phase = window;
        await sampler.WaitForSamplesAsync(window, SoakOptions.WindowSamples, TimeSpan.FromSeconds(SoakOptions.WindowSamples * 3), cancel);
        return drained;
    }

    /// <summary>In both quiet windows the server must hold exactly the streams: every abandoned session reaped or ended.</summary>
    private static IEnumerable<string> SessionAccounting(IReadOnlyList<ResourceSample> series, int streams)
    {
        foreach (var phase in new[] { SoakPhase.Baseline, SoakPhase.End })
        {
            var held = series.Where(s => s.Phase == phase && s.ServerSessions is not null).Select(s => (double)s.ServerSessions!.Value).ToList();
            if (held.Count > 0 && GrowthVerdict.Median(held) != streams)
                yield return $"the server held {GrowthVerdict.Median(held):0} sessions in the {phase.ToString().ToLowerInvariant()} window, not the {streams} streams: sessions left without TEARDOWN were not all reaped";
        }
    }

    private static async Task<TimeSpan> TimedAsync(Func<Task> run)
    {
        long start = Stopwatch.GetTimestamp();
        await run();
        return Stopwatch.GetElapsedTime(start);
    }

    private static string Tail(string output) => output.Length <= 2000 ? output : output[^2000..];
}
