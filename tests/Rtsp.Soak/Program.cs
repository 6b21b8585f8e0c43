using System.CommandLine;
using System.Globalization;
using Rtsp.Soak;
using Rtsp.Soak.Reporting;

var defaults = new SoakOptions();
var minutes = new Option<double>("--minutes") { Description = "wall time of the run once the streams are up, quiet windows included; cycling stops at this or --cycles, whichever comes first", DefaultValueFactory = _ => defaults.Duration.TotalMinutes };
var cycles = new Option<long>("--cycles") { Description = "connect -> SETUP -> PLAY -> TEARDOWN cycles (UDP and TCP alternate; 10 % close without TEARDOWN)", DefaultValueFactory = _ => defaults.Cycles };
var streams = new Option<int>("--streams") { Description = "sessions that stream the live source for the whole run (half UDP, half TCP); their packets and losses are counted", DefaultValueFactory = _ => defaults.Streams };
var workers = new Option<int>("--workers") { Description = "concurrent cycle workers", DefaultValueFactory = _ => defaults.Workers };
var target = new Option<string?>("--target") { Description = "soak this running server (rtsp://HOST:PORT/) instead of starting rtsp-ref; needs --pid and its --session-timeout" };
var pid = new Option<int?>("--pid") { Description = "PID of the --target server (its /proc entries are sampled)" };
var timeout = new Option<int>("--session-timeout") { Description = "the server's session timeout in seconds: given to the rtsp-ref we start; the drains before the quiet windows wait this + 2 s", DefaultValueFactory = _ => (int)defaults.SessionTimeout.TotalSeconds };
var serverArgs = new Option<string[]>("--server-arg") { Description = "extra argument for the rtsp-ref serve we start (repeat it), e.g. --server-arg=--max-connections --server-arg=2000", AllowMultipleArgumentsPerToken = false };
var tableEvery = new Option<int>("--table-every") { Description = "print a row of the series every N seconds", DefaultValueFactory = _ => defaults.TableEverySeconds };
var report = new Option<string?>("--report") { Description = "also write a Markdown report (summary and every sample) to this path" };

var root = new RootCommand("""
    Soak the reference RTSP server (or --target): connect -> SETUP -> PLAY -> TEARDOWN cycles on several workers, mixed UDP
    and TCP, 10 % vanishing without TEARDOWN, while --streams sessions keep streaming. Samples the server's RSS, open file
    descriptors, threads and UDP sockets every second from /proc/PID, prints the series, and compares a quiet window after
    the warm-up with a quiet window at the end (no cycles, abandoned sessions timed out).
    Exit 0: nothing grew, no cycle failed, no stream lost a packet. 1: the verdict failed (reasons printed). 2: usage or start error.
    """)
{
    minutes, cycles, streams, workers, target, pid, timeout, serverArgs, tableEvery, report,
};
root.SetAction(async (parse, cancel) =>
{
    SoakOptions options;
    try
    {
        string? targetText = parse.GetValue(target);
        options = new SoakOptions
        {
            Duration = TimeSpan.FromMinutes(parse.GetValue(minutes)),
            Cycles = parse.GetValue(cycles),
            Streams = parse.GetValue(streams),
            Workers = parse.GetValue(workers),
            Target = targetText is null ? null : Uri.TryCreate(targetText, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--target {targetText}: not a URL"),
            TargetPid = parse.GetValue(pid),
            SessionTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
            ServerArguments = parse.GetValue(serverArgs) ?? [],
            TableEverySeconds = parse.GetValue(tableEvery),
            ReportPath = parse.GetValue(report),
        };
        options.Validate();
    }
    catch (ArgumentException e)
    {
        await Console.Error.WriteLineAsync($"Rtsp.Soak: {e.Message}");
        return 2;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"soak: {options.Cycles} cycles or {options.Duration.TotalMinutes:0.##} min, {options.Streams} streams, {options.Workers} workers"));
    SoakResult result;
    try
    {
        result = await SoakRun.RunAsync(options, Console.Out, cancel);
    }
    catch (InvalidOperationException e)
    {
        await Console.Error.WriteLineAsync($"Rtsp.Soak: could not start the server: {e.Message}");
        return 2;
    }
    Console.WriteLine();
    Console.Write(SoakReport.Summary(result));
    if (options.ReportPath is { } path)
    {
        SoakReport.Write(result, path);
        Console.WriteLine($"report: {path}");
    }
    return result.Passed ? 0 : 1;
});
return await root.Parse(args).InvokeAsync();
