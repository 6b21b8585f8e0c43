using System.Diagnostics;
using System.Text;
using Rtsp.Harness.Reports;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// Runs the catalogue (without the robustness family) over UDP and TCP against every clean peer at once: one server
/// process per configuration with its own server RTP port range, and one harness run per configuration with its own
/// client port band, so no capture names another run's packets. Writes must-failures.txt (every MUST failure per
/// configuration, listed or not) beside the runs' reports.
/// </summary>
internal static class CleanPeerMatrix
{
    /// <summary>A run that takes longer has hung (each scenario is capped at 3 minutes by the harness itself).</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(20);

    public static (IReadOnlyList<CleanPeerRun> Runs, TimeSpan Wall) Run(IReadOnlyList<CleanPeer> peers, string folder)
    {
        var scenarios = HarnessRuns.Catalogue();
        var clock = Stopwatch.StartNew();
        var runs = new CleanPeerRun?[peers.Count];
        // A thread of its own per run, as OpenCvPathsCatalogueTests found: runs wait synchronously on sockets whose
        // completions need pool threads, and several runs on pool threads starved the pool.
        var threads = peers.Select((peer, i) => new Thread(() => runs[i] = RunOne(peer, i, scenarios, folder))
        {
            Name = $"clean peer {peer.Name}",
            IsBackground = true,
        }).ToList();
        threads.ForEach(t => t.Start());
        foreach (var (thread, i) in threads.Select((t, i) => (t, i)))
        {
            if (!thread.Join(RunLimit - clock.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero))
            {
                runs[i] ??= new CleanPeerRun(peers[i], null, null, new TimeoutException($"the run did not finish within {RunLimit.TotalMinutes:0} min"), clock.Elapsed);
            }
        }

        var wall = clock.Elapsed;
        var finished = runs.Select(r => r!).ToList();
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "must-failures.txt"), Summary(finished, wall));
        return (finished, wall);
    }

    /// <summary>Every configuration's MUST failures ("scenario (transport): check [MUST] evidence"), listed ones marked.</summary>
    public static string Summary(IReadOnlyList<CleanPeerRun> runs, TimeSpan wall) =>
        $"clean peers: {runs.Count} configurations at once in {wall.TotalSeconds:0} s\n" + string.Concat(runs.Select(r => "\n" + Describe(r)));

    /// <summary>One configuration: what it served, its outcome counts, and each MUST failure, error and stale entry.</summary>
    public static string Describe(CleanPeerRun run)
    {
        var text = new StringBuilder($"== {run.Peer.Name} ({run.Peer.Description}): ");
        if (run.Report is null)
        {
            return text.Append($"did not run: {run.Unavailable ?? run.Crash?.ToString()}\n").ToString();
        }

        var failures = run.MustFailures;
        text.Append($"{run.Report.Presentation}; {run.Report.Scenarios.Count} scenario runs, ")
            .Append($"{run.Report.Scenarios.Count(s => s.Outcome == ScenarioOutcome.Pass)} passed, ")
            .Append($"{run.Report.Scenarios.Count(s => s.Outcome == ScenarioOutcome.NotApplicable)} not applicable, ")
            .Append($"{run.Report.Scenarios.Count(s => s.Outcome == ScenarioOutcome.NotSupported)} not supported, ")
            .Append($"{failures.Count} MUST failures ({failures.Count(f => f.Deviation is not null)} listed), ")
            .Append($"{run.Errors.Count()} errors, {run.Elapsed.TotalSeconds:0} s, report {run.Report.RunId}\n");
        foreach (var failure in failures)
        {
            text.Append(failure.Deviation switch { null => "  ", { HarnessGap: true } => "  [open harness gap] ", _ => "  [listed] " })
                .Append(failure).Append('\n');
        }

        foreach (var error in run.Errors)
        {
            text.Append("  ERROR ").Append(error).Append('\n');
        }

        foreach (var stale in run.Stale)
        {
            text.Append("  note: listed deviation did not occur as a MUST failure: ").Append(stale).Append('\n');
        }

        return text.ToString();
    }

    private static CleanPeerRun RunOne(CleanPeer peer, int index, IReadOnlyList<Rtsp.Harness.Scenarios.Scenario> scenarios, string folder)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            // Server ports 30000-36999 and client bands 40000-60999: disjoint from each other and per configuration.
            using var server = peer.Start((30000 + 1000 * index, 30999 + 1000 * index));
            var report = HarnessRuns.Run(scenarios, peer.Name, folder, server.Url, portBand: (40000 + 3000 * index, 42999 + 3000 * index), configure: o => o with { LiveTarget = server.LiveUrl });
            return new CleanPeerRun(peer, report, null, null, clock.Elapsed);
        }
        catch (CleanPeerUnavailableException e)
        {
            return new CleanPeerRun(peer, null, e.Message, null, clock.Elapsed);
        }
        catch (Exception e)
        {
            return new CleanPeerRun(peer, null, null, e, clock.Elapsed);
        }
    }
}
