using System.Globalization;
using Rtsp.Harness.Checks;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Harness.Analysis.Robustness;

/// <summary>
/// What the hostile steps of a scenario cost the healthy companion session playing beside them: packets lost (RFC 3550
/// A.3 expected − received over the window) and the longest stall (largest arrival gap, the window's edges included,
/// against the frame interval). Any loss, or a stall beyond <see cref="StallLimit"/>, is a finding.
/// </summary>
public static class CollateralDamage
{
    /// <summary>Generous on purpose: a 2-core CI machine shows stalls of tens of ms on its own; a server that serves one
    /// client at a time stalls for seconds.</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(1);

    /// <param name="packets">The healthy session's RTP packets (arrival ns, sequence number), any order.</param>
    /// <param name="capped">Why the window ends before the hostile steps did (e.g. the clip's end), or null.</param>
    public static CheckResult Judge(IEnumerable<(long ArrivalNs, ushort Sequence)> packets, long fromNs, long toNs, double frameRate, string transport, string? capped)
    {
        var check = RobustnessChecks.Collateral;
        var window = packets.Where(p => p.ArrivalNs >= fromNs && p.ArrivalNs < toNs).OrderBy(p => p.ArrivalNs).ToList();
        var seconds = (toNs - fromNs) / 1e9;
        var frameMs = 1000 / frameRate;
        var where = string.Create(CultureInfo.InvariantCulture, $"healthy {transport} session over the {seconds:0.0} s of hostile steps{(capped is null ? string.Empty : $" ({capped})")}");
        if (toNs <= fromNs)
        {
            return new CheckResult(check, Verdict.NotApplicable, $"{where}: no time left to watch");
        }

        if (window.Count == 0)
        {
            return new CheckResult(check, Verdict.Fail, $"{where}: not one RTP packet arrived (the session was starved)",
                Metrics: new Dictionary<string, double> { ["packets"] = 0, ["window_s"] = seconds });
        }

        var statistics = new RtpReceptionStatistics();
        foreach (var p in window)
        {
            statistics.Update(p.Sequence);
        }

        var lost = Math.Max(0, statistics.CumulativeLost);
        var edges = new List<long>(window.Count + 2) { fromNs };
        edges.AddRange(window.Select(p => p.ArrivalNs));
        edges.Add(toNs);
        var longest = 0L;
        var longestAt = fromNs;
        for (var i = 1; i < edges.Count; i++)
        {
            if (edges[i] - edges[i - 1] > longest)
            {
                longest = edges[i] - edges[i - 1];
                longestAt = edges[i - 1];
            }
        }

        var longestMs = longest / 1e6;
        var metrics = new Dictionary<string, double>
        {
            ["packets"] = window.Count, ["lost"] = lost, ["longest_stall_ms"] = Math.Round(longestMs, 1), ["frame_interval_ms"] = Math.Round(frameMs, 1),
            ["window_s"] = Math.Round(seconds, 2),
        };
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{where}: {window.Count} packets, {lost} lost, longest stall {longestMs:0} ms at +{(longestAt - fromNs) / 1e6:0} ms ({longestMs / frameMs:0.#} frame intervals of {frameMs:0} ms; limit {StallLimit.TotalMilliseconds:0} ms)");
        var hurt = lost > 0 || longest > StallLimit.Ticks * 100;
        return new CheckResult(check, hurt ? Verdict.Fail : Verdict.Pass, evidence, Metrics: metrics);
    }
}
