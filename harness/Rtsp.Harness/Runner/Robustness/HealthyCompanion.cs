using Rtsp.Harness.Analysis.Robustness;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Scenarios.Steps;
using Rtsp.Protocol.Headers;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>
/// The healthy session a robustness scenario declares with <c>healthy: udp|tcp</c>: DESCRIBE, SETUP and PLAY on a
/// connection of its own before the hostile steps (PLAY without Range), playing throughout; afterwards <see cref="CollateralDamage"/> judges
/// what the steps cost it. The window ends early when the presentation does (the PLAY reply's Range), so the end of a
/// stored clip is never mistaken for a stall.
/// </summary>
public sealed class HealthyCompanion
{
    public const string SessionName = "healthy";

    /// <summary>The shortest window judged: steps that take milliseconds still get a second of watching after them, so
    /// damage that shows only after the hostile bytes (a stalled pacer, a crash) is seen.</summary>
    private static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for the first packet before the hostile steps start.</summary>
    private static readonly TimeSpan FirstPacketWait = TimeSpan.FromSeconds(2);

    private readonly string transport;
    private readonly long hostileStartNs;
    private readonly long? mediaEndNs;

    private HealthyCompanion(string transport, long hostileStartNs, long? mediaEndNs)
    {
        this.transport = transport;
        this.hostileStartNs = hostileStartNs;
        this.mediaEndNs = mediaEndNs;
    }

    /// <param name="execute">Runs a request step the ordinary way (a failure stops the scenario: nothing to compare with).</param>
    public static HealthyCompanion Start(string transport, SessionContext session, Action<RequestStep> execute)
    {
        static RequestStep Request(string method) => new(0, SessionName, method, null, [], [], null, null, null, false, null);
        execute(Request("DESCRIBE"));
        execute(new SetupStep(Request("SETUP"), 0, transport, null, null, null));
        // No Range: RFC 2326 §10.5 plays from the beginning, and a live source (where a seek is 457) plays too.
        execute(new PlayStep(Request("PLAY"), null));
        var played = session.LastResponse;
        var waitUntil = HarnessClock.NowNs() + (long)(FirstPacketWait.TotalMilliseconds * 1e6);
        while (session.Media.Between(0, long.MaxValue).Count == 0 && HarnessClock.NowNs() < waitUntil)
        {
            Thread.Sleep(20);
        }

        long? end = null;
        if (played?.Message?.Headers.Get(RangeHeader.Name) is { } range && RangeHeader.TryParse(range, out var parsed) &&
            parsed!.Start is { IsNow: false } start && parsed.End is { IsNow: false } stop && stop.Seconds > start.Seconds)
        {
            // A little before the last frame: the final packets may leave a frame early or late.
            end = played.ArrivalNs + (long)((stop.Seconds - start.Seconds - 0.3) * 1e9);
        }

        return new HealthyCompanion(transport, HarnessClock.NowNs(), end);
    }

    public CheckResult Judge(SessionContext session, double frameRate)
    {
        var watched = TimeSpan.FromMilliseconds((HarnessClock.NowNs() - hostileStartNs) / 1e6);
        if (watched < MinimumWindow)
        {
            Thread.Sleep(MinimumWindow - watched);
        }

        var now = HarnessClock.NowNs();
        var capped = mediaEndNs is { } end && end < now ? "cut at the end of the presentation" : null;
        var until = capped is null ? now : mediaEndNs!.Value;
        var packets = session.Media.Between(0, long.MaxValue).Select(p => (p.ArrivalNs, p.Sequence));
        return CollateralDamage.Judge(packets, hostileStartNs, until, frameRate, transport, capped);
    }
}
