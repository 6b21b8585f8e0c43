using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Runner;

/// <summary>Everything one <c>rtsp-harness run</c> needs.</summary>
/// <param name="Target">The server to judge; null = start the reference server and test its sample.</param>
/// <param name="OutputRoot">Where report folders go (reports/ of the checkout by default): the run writes &lt;OutputRoot&gt;/&lt;run-id&gt;/.</param>
/// <param name="CaptureRoot">Where pcap folders go (captures/ of the checkout by default): &lt;CaptureRoot&gt;/&lt;run-id&gt;/.</param>
/// <param name="Faults">Fault switches for the reference server this run starts (ignored with an external target).</param>
public sealed record RunOptions(
    string? Target,
    IReadOnlyList<Scenario> Scenarios,
    IReadOnlyList<string> Transports,
    string OutputRoot,
    string CaptureRoot,
    string RepositoryRoot,
    CaptureMode Capture,
    string? Interface,
    TimeSpan RequestTimeout,
    IReadOnlyList<string> Faults)
{
    /// <summary>A scenario taking longer than this is stopped (a safety net: each request already has its timeout).</summary>
    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The ports each scenario's random receive window is drawn from (null: 20000-59999). Runs at once on one machine
    /// get disjoint bands, so no capture filter names another run's media ports.
    /// </summary>
    public (int Low, int High)? ClientPortBand { get; init; }

    /// <summary>The live presentation for scenarios that need one (<c>requires: [live-media]</c>) when the target is
    /// stored; null = the reference server's live/pattern when the harness starts it, else such scenarios are not applicable.</summary>
    public string? LiveTarget { get; init; }

    /// <summary>Credentials for every request (<c>--user/--password</c>); they win over a URL's userinfo.</summary>
    public Credentials? Credentials { get; init; }

    public string RunId { get; init; } = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture);
}
