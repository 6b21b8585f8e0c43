using System.Globalization;
using System.Text;
using Rtsp.Soak.Sampling;

namespace Rtsp.Soak.Reporting;

/// <summary>The summary printed at the end of a run, and the Markdown report (summary plus every sample) for --report.</summary>
public static class SoakReport
{
    public static string Summary(SoakResult r)
    {
        var text = new StringBuilder();
        var c = r.Cycles;
        var first = r.Series.FirstOrDefault();
        var last = r.Series.LastOrDefault();
        text.AppendLine(Invariant($"soak of {r.ServerUrl} (PID {r.ServerPid}), started {r.StartedUtc:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
        text.AppendLine(Invariant($"cycles: {c.Done} done in {r.CyclingTime.TotalSeconds:0} s of cycling = {r.CyclesPerSecond:0.0} cycles/s with {r.Options.Workers} workers; {c.Completed} completed ({c.Udp} UDP, {c.Tcp} TCP), {c.Failed} failed"));
        text.AppendLine(Invariant($"        left without TEARDOWN: {c.VanishedUdp} UDP (the server must reap them after its {r.Options.SessionTimeout.TotalSeconds:0} s timeout), {c.VanishedTcp} TCP (must end with their connection)"));
        if (r.Drains.Count > 0)
            text.AppendLine(Invariant($"        drains before the quiet windows (until the server held only the streams): {string.Join(", ", r.Drains.Select(d => $"{d.TotalSeconds:0.0} s"))}"));
        if (r.Streams.Count > 0)
        {
            var s = r.Streams;
            text.AppendLine(Invariant($"streams: {s.Count} ({s.Count(x => x.Udp)} UDP, {s.Count(x => !x.Udp)} TCP) for {s.Min(x => x.Streamed.TotalSeconds):0} s: {s.Sum(x => x.Packets)} packets (per stream {s.Min(x => x.Packets)}..{s.Max(x => x.Packets)}, {s.Average(x => x.PacketsPerSecond):0} packets/s), lost {s.Sum(x => x.Lost)}, longest silence {s.Max(x => x.LongestSilence.TotalMilliseconds):0} ms"));
        }
        text.AppendLine(Invariant($"{"resource",-18} {"start",9} {"baseline",9} {"peak",9} {"end",9} {"allowed",9}  verdict"));
        foreach (var check in r.Growth.Checks)
        {
            string name = check.Unit.Length > 0 ? $"{check.Resource} ({check.Unit})" : check.Resource;
            text.AppendLine(Invariant($"{name,-18} {check.Start,9:0.#} {check.Baseline,9:0.#} {check.PeakWhileCycling,9:0.#} {check.End,9:0.#} {check.Allowed,9:0.#}  {(check.Passed ? "ok" : "GREW")}"));
        }
        if (r.Growth.RssSlopeMiBPerMinute is double slope)
            text.AppendLine(Invariant($"RSS slope over the second half of the cycles: {slope:+0.00;-0.00} MiB/min"));
        text.AppendLine("(start = first sample, before the streams; baseline/end = medians of the quiet windows; peak = while cycling;");
        if (first is not null && last is not null)
            text.AppendLine(Invariant($" file descriptors not counting loaded code (.dll/.pdb/.so): {first.FileDescriptors - first.FileDescriptorsWithoutCode} of those at the start, {last.FileDescriptors - last.FileDescriptorsWithoutCode} at the end)"));
        foreach (var (kind, count, example) in c.Errors.ByKind)
            text.AppendLine(Invariant($"error {kind}: {count} (e.g. {example})"));
        if (r.ServerLog.Count > 0)
        {
            text.AppendLine(Invariant($"server log ({r.ServerLog.Count} lines at Warning or above; the first 20):"));
            foreach (var line in r.ServerLog.Take(20))
                text.AppendLine("  " + line);
        }
        text.AppendLine(r.Passed ? "verdict: PASS" : "verdict: FAIL");
        foreach (var failure in r.Failures)
            text.AppendLine("  - " + failure);
        return text.ToString();
    }

    public static void Write(SoakResult r, string path)
    {
        var text = new StringBuilder();
        text.AppendLine("# Soak report").AppendLine().AppendLine("```").Append(Summary(r)).AppendLine("```").AppendLine();
        text.AppendLine("## Series (every sample)").AppendLine().AppendLine("```").AppendLine(SeriesTable.Header);
        ResourceSample? previous = null;
        foreach (var sample in r.Series)
        {
            double rate = previous is null ? 0 : (sample.CyclesDone - previous.CyclesDone) / Math.Max(0.001, (sample.Elapsed - previous.Elapsed).TotalSeconds);
            text.AppendLine(SeriesTable.Row(sample, rate));
            previous = sample;
        }
        text.AppendLine("```").AppendLine();
        if (r.Streams.Count > 0)
        {
            text.AppendLine("## Streams").AppendLine().AppendLine("| stream | transport | packets | packets/s | lost | longest silence (ms) |").AppendLine("|---|---|---|---|---|---|");
            foreach (var s in r.Streams)
                text.AppendLine(Invariant($"| {s.Index} | {(s.Udp ? "UDP" : "TCP")} | {s.Packets} | {s.PacketsPerSecond:0} | {s.Lost} | {s.LongestSilence.TotalMilliseconds:0} |"));
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        File.WriteAllText(path, text.ToString());
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
