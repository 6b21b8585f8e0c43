using System.Diagnostics;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Analysis.Robustness;
using Rtsp.Harness.Analysis.Rtsp;
using Rtsp.Harness.Capture;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Runner;

/// <summary>
/// One harness run: the target (the reference server it starts, or the user's), every scenario over every transport
/// it applies to, analysis of each, and the <see cref="RunReport"/> the writers render.
/// </summary>
public sealed class HarnessRun
{
    /// <summary>After a scenario ends, how long the capture keeps reading so the last packets leave the kernel ring.</summary>
    private static readonly TimeSpan CaptureDrain = TimeSpan.FromMilliseconds(150);

    /// <summary>Every check a run can report: the scenario checks and every analyzer's, once each.</summary>
    public static IReadOnlyList<CheckDefinition> Catalogue =>
        RtspChecks.All.Concat(RobustnessChecks.All).Concat(AnalysisPipeline.Catalogue).DistinctBy(c => c.Id).ToList();

    /// <summary>Where a run's reports go: &lt;out&gt;/&lt;run-id&gt;.</summary>
    public static string ReportFolder(RunOptions options) => Path.Combine(options.OutputRoot, options.RunId);

    /// <summary>Runs every scenario over every transport asked for, analyses each, and writes the reports.</summary>
    public RunReport Execute(RunOptions options, IProgress<ScenarioProgress>? progress = null, CancellationToken cancellation = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var reference = options.Target is null ? ReferenceServer.Start(options.RepositoryRoot, options.Faults, []) : null;
        var target = Described(reference is null
            ? TargetInfo.Parse(options.Target!, credentials: options.Credentials)
            : TargetInfo.Parse(new Uri(reference.BaseUrl, ReferenceServer.SamplePath).ToString(), isReferenceServer: true), options.RequestTimeout);
        var live = options.LiveTarget is { } liveUrl ? Described(TargetInfo.Parse(liveUrl, credentials: options.Credentials), options.RequestTimeout)
            : reference is not null ? Described(TargetInfo.Parse(new Uri(reference.BaseUrl, ReferenceServer.LivePath).ToString(), isReferenceServer: true), options.RequestTimeout)
            : null;
        target = target with { LiveUrl = target.Presentation.Kind == PresentationKind.Live ? target.Url : live?.Url };
        live = live is null ? null : live with { LiveUrl = live.Url };
        var presentation = target.Presentation;

        var plan = options.Scenarios
            .SelectMany(s => s.Transports.Where(t => options.Transports.Contains(t)).Select(t => (Scenario: s, Transport: t)))
            .ToList();
        var captures = new CapturePlan(options.Capture, options.Interface, Path.Combine(options.CaptureRoot, options.RunId));
        var runs = new List<ScenarioRun>();
        var runner = new ScenarioRunner(options.RequestTimeout);
        for (var i = 0; i < plan.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (scenario, transport) = plan[i];
            progress?.Report(new ScenarioProgress(i + 1, plan.Count, scenario.Name, transport, null));
            var run = RunOne(runner, captures, scenario, transport, target, live, options, cancellation);
            runs.Add(run);
            progress?.Report(new ScenarioProgress(i + 1, plan.Count, scenario.Name, transport, run));
        }

        var report = new RunReport(options.RunId, target.ToString(), started, clock.Elapsed, captures.Description, Catalogue, runs)
        {
            Presentation = live is null || presentation.Kind == PresentationKind.Live
                ? presentation.ToString()
                : $"{presentation}. Live target {live.Url}: {live.Presentation}",
        };
        ReportWriter.WriteAll(report, ReportFolder(options));
        return report;
    }

    /// <summary>The exit code of a run: 0 every MUST check passed, 1 conformance failures, 2 the harness could not judge something.</summary>
    public static int ExitCode(RunReport report) =>
        report.Scenarios.Any(s => s.Outcome == ScenarioOutcome.Fail) ? 1
        : report.Scenarios.Any(s => s.Outcome == ScenarioOutcome.Error) ? 2
        : 0;

    private static ScenarioRun RunOne(
        ScenarioRunner runner, CapturePlan captures, Scenario scenario, string transport, TargetInfo target, TargetInfo? live,
        RunOptions options, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var scenarioTarget = target;
        if (scenario.Requires.Contains(MediaRequirement.LiveMedia) && target.Presentation.Kind != PresentationKind.Live)
        {
            if (live is null)
            {
                return NotApplicable(scenario, transport, $"needs a live presentation: pass --live-target URL (the target is {target.Presentation.KindText})", clock.Elapsed);
            }

            scenarioTarget = live;
        }

        if (scenarioTarget.IsReferenceServer && ReferenceServer.CredentialsIn(scenario.ServerArguments) is { } serverCredentials)
        {
            // The dedicated server is started with these: they are the scenario's run credentials.
            scenarioTarget = scenarioTarget with { Credentials = serverCredentials };
        }

        if (scenario.ServerArguments.Count > 0 && !scenarioTarget.IsReferenceServer && ExternalUnfit(scenario, scenarioTarget) is { } unfit)
        {
            return NotApplicable(scenario, transport, unfit, clock.Elapsed);
        }

        if (ScenarioApplicability.Unmet(scenario, scenarioTarget) is { } unmet)
        {
            return NotApplicable(scenario, transport, unmet, clock.Elapsed);
        }

        ServerProcess? dedicated = null;
        LiveCapture? capture = null;
        try
        {
            // An external target fit for the scenario's options (checked above) is judged as it is.
            if (scenario.ServerArguments.Count > 0 && scenarioTarget.IsReferenceServer)
            {
                dedicated = ReferenceServer.Start(options.RepositoryRoot, options.Faults, scenario.ServerArguments);
                scenarioTarget = TargetInfo.Parse(new Uri(dedicated.BaseUrl, scenarioTarget.Url.PathAndQuery.TrimStart('/')).ToString(), isReferenceServer: true,
                    credentials: scenarioTarget.Credentials) with
                {
                    Presentation = scenarioTarget.Presentation,
                    LiveUrl = scenarioTarget.LiveUrl is { } liveUrl ? new Uri(dedicated.BaseUrl, liveUrl.PathAndQuery.TrimStart('/')) : null,
                };
            }

            var ports = ClientPortRange.Random(options.ClientPortBand);
            capture = captures.Begin(scenarioTarget, ports, $"{scenario.Name}-{transport}.pcap");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(options.ScenarioTimeout);
            var execution = runner.Run(scenario, transport, scenarioTarget, ports, timeout.Token);
            var input = new AnalysisInput(execution.Packets, execution.SdpText, execution.Events, TimestampsFromCapture: false)
            {
                UdpTimestampsFromKernel = OperatingSystem.IsLinux(), HarnessDrops = execution.HarnessDrops,
            };
            long dropped = 0;
            string? captureNote = null;
            if (capture is not null)
            {
                // The capture is the evidence when it is whole: the same path as `rtsp-harness analyze FILE.pcap`.
                Thread.Sleep(CaptureDrain);
                var statistics = capture.Stop();
                dropped = statistics.Dropped + statistics.InterfaceDropped;
                var contents = CaptureReader.Read(capture.PcapPath, scenarioTarget.Port);
                captureNote = IncompleteCapture(contents, dropped);
                if (captureNote is null)
                {
                    input = new AnalysisInput(contents.Packets, contents.SdpText ?? execution.SdpText, contents.Events, TimestampsFromCapture: true);
                }
            }

            var analysis = AnalysisPipeline.Run(input with { NominalFrameRate = execution.FrameRate ?? scenario.FrameRate });
            var merged = CheckAggregation.Merge(execution.Results.Concat(analysis.Results));
            var mustFailed = merged.Any(r => r.Verdict == Verdict.Fail && r.Check.Level == CheckLevel.Must);
            var outcome = mustFailed ? ScenarioOutcome.Fail
                : execution.NotSupportedReason is not null ? ScenarioOutcome.NotSupported
                : ScenarioOutcome.Pass;
            var message = execution.NotSupportedReason ?? (execution.StoppedReason is { } stopped ? $"stopped early: {stopped}" : null);
            // The recorder's limit matters only when its packets, not the capture's, are the evidence.
            var recorderNote = input.TimestampsFromCapture ? null : execution.RecorderShortfall;
            foreach (var note in new[] { captureNote, recorderNote }.OfType<string>())
            {
                message = message is null ? note : $"{message}; {note}";
            }

            return new ScenarioRun(scenario.Name, scenario.Description, transport, outcome, message, execution.Transcript,
                analysis with { Results = merged }, capture?.PcapPath, dropped, clock.Elapsed);
        }
        catch (HarnessEnvironmentException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            return new ScenarioRun(scenario.Name, scenario.Description, transport, ScenarioOutcome.Error, $"{e.GetType().Name}: {e.Message}", [],
                Empty, capture?.PcapPath, 0, clock.Elapsed);
        }
        finally
        {
            capture?.Dispose();
            dedicated?.Dispose();
        }
    }

    /// <summary>
    /// Why a capture cannot stand as evidence, or null when it can. A capture that lost packets (ring drops) or cut them
    /// short (on loopback, TSO hands libpcap TCP segments of up to 64 KiB, beyond the snaplen: CaptureReader's warning
    /// names the snaplen) would make the analyzers
    /// report loss the server never caused; the run is then judged from the harness's own sockets, which saw everything.
    /// </summary>
    private static string? IncompleteCapture(CaptureContents contents, long dropped)
    {
        var problems = new List<string>();
        if (dropped > 0)
        {
            problems.Add($"{dropped} packets dropped by the capture");
        }

        if (contents.TcpMissingBytes > 0)
        {
            problems.Add($"{contents.TcpMissingBytes} bytes of the RTSP connection missing from it");
        }

        // Only warnings about lost bytes count: unparseable RTSP is the subject of the malformed-request scenarios.
        problems.AddRange(contents.Warnings.Where(w => w.Contains("snaplen", StringComparison.Ordinal)));
        return problems.Count == 0 ? null : $"the pcap is incomplete ({string.Join("; ", problems)}): judged from the harness's own sockets";
    }

    private static readonly AnalysisResult Empty = new([], new Dictionary<string, IReadOnlyList<SeriesPoint>>(), null, null);

    private static ScenarioRun NotApplicable(Scenario scenario, string transport, string reason, TimeSpan elapsed) =>
        new(scenario.Name, scenario.Description, transport, ScenarioOutcome.NotApplicable, reason, [], Empty, null, 0, elapsed);

    /// <summary>The target with what its preflight learned; a target that cannot be judged is a usage error (exit 2).</summary>
    private static TargetInfo Described(TargetInfo target, TimeSpan timeout) =>
        target with { Presentation = TargetProbe.Preflight(target, timeout) };

    /// <summary>
    /// Why a scenario written for server options cannot run against an external target; null when it can. Options that
    /// only turn authentication on are met by any target that asks for credentials, given the run's own.
    /// </summary>
    private static string? ExternalUnfit(Scenario scenario, TargetInfo target)
    {
        if (!ReferenceServer.OnlyCredentials(scenario.ServerArguments))
        {
            return $"needs server options {string.Join(' ', scenario.ServerArguments)}, which an external target cannot be started with";
        }

        if (target.Credentials is null)
        {
            return "needs a target that asks for credentials: pass --user and --password (or rtsp://user:password@host/path)";
        }

        return target.Presentation.AsksForCredentials
            ? null
            : "the target did not ask for credentials (its DESCRIBE was answered without a 401), so there is no authentication to judge";
    }
}
