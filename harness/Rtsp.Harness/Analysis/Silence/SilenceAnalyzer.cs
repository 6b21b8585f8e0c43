using System.Globalization;
using Rtsp.Harness.Analysis.Rtsp;
using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis.Silence;

/// <summary>
/// Media stops when told to and starts when told to: no RTP later than a grace time after a PAUSE or TEARDOWN
/// response (RFC 2326 §10.6, §10.7), and RTP flows again after each PLAY (§10.5). Judged per session when the
/// SETUP events say which stream belongs to which session.
/// </summary>
public sealed class SilenceAnalyzer : IAnalyzer
{
    /// <summary>How soon after a PLAY response media must flow.</summary>
    public const long ResumeWindowNs = 2_000_000_000;

    /// <summary>Extra grace when arrival times are a user-space receive loop's (TCP in socket mode): a reading thread
    /// that lags a second behind the kernel is possible on a loaded machine; a server that ignored PAUSE is still caught,
    /// as it keeps sending through the whole window.</summary>
    public const long UserSpaceSlackNs = 1_000_000_000;

    /// <summary>The one judge of PAUSE silence (an expect_rtp silence window only marks where the scenario waits).</summary>
    public static CheckDefinition PauseSilence => RtspChecks.PauseSilence;

    /// <summary>The one judge of TEARDOWN silence.</summary>
    public static CheckDefinition TeardownSilence => RtspChecks.TeardownSilence;

    // §10.5: "The PLAY method tells the server to start sending data via the mechanism specified in SETUP."
    public static readonly CheckDefinition PlayResumes = new(
        "media.play.flows", CheckLevel.Must, "RFC 2326 §10.5", "RTP arrives within 2 s of every successful PLAY response");

    public IReadOnlyList<CheckDefinition> Checks { get; } = [PauseSilence, TeardownSilence, PlayResumes];

    public IEnumerable<CheckResult> Analyze(AnalysisInput input)
    {
        var pause = new Violations(PauseSilence);
        var teardown = new Violations(TeardownSilence);
        var play = new Violations(PlayResumes);
        long graceNs = (long)(input.SilenceGraceMs * 1_000_000);
        var events = input.Events.OrderBy(e => e.RequestTimestampNs).ToList();
        var streams = MediaStreams.Of(input);
        long captureEnd = input.Packets.Count > 0 ? input.Packets[^1].TimestampNs : 0;
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!e.Succeeded || e.ResponseTimestampNs is not { } responded)
            {
                continue;
            }

            var sessionStreams = streams.Where(s => s.BelongsToSession(e)).ToList();
            // The silence lasts until this session's next PLAY or SETUP (a new session may reuse the ports).
            long until = events.Skip(i + 1)
                .Where(n => n.Method is "PLAY" or "SETUP" && SameSession(n, e))
                .Select(n => n.RequestTimestampNs).DefaultIfEmpty(long.MaxValue).First();
            switch (e.Method)
            {
                case "PAUSE":
                    CheckSilence(pause, "PAUSE", sessionStreams, responded, graceNs, until, input);
                    break;
                case "TEARDOWN":
                    CheckSilence(teardown, "TEARDOWN", sessionStreams, responded, graceNs, until, input);
                    break;
                case "PLAY":
                    long next = events.Skip(i + 1).Where(n => n.Method is "PAUSE" or "TEARDOWN" && SameSession(n, e))
                        .Select(n => n.RequestTimestampNs).DefaultIfEmpty(captureEnd).First();
                    long windowEnd = Math.Min(responded + ResumeWindowNs, next);
                    // A user-space receive loop stamps later than the kernel did: give its packets the same slack.
                    bool flowed = sessionStreams.Any(s => s.Rtp.Any(p => p.TimestampNs >= e.RequestTimestampNs
                        && p.TimestampNs <= windowEnd + (input.KernelTimestamps(s.OverTcp) ? 0 : UserSpaceSlackNs)));
                    if (flowed)
                    {
                        play.MarkJudged();
                    }
                    else if (input.PacketsPossiblyLost(e.RequestTimestampNs, windowEnd))
                    {
                        play.Note($"PLAY at {Seconds(responded, input)} s: {input.CaptureLossEvidence(e.RequestTimestampNs, windowEnd)}.");
                    }
                    else if (windowEnd - responded >= 1_000_000_000)
                    {
                        // Only judged when the run waited long enough after the response.
                        play.Add($"no RTP within {(windowEnd - responded) / 1e9:0.0} s of the PLAY response at {Seconds(responded, input)} s");
                    }

                    break;
            }
        }

        yield return pause.Result($"media stopped within {input.SilenceGraceMs} ms of every PAUSE.", "no successful PAUSE");
        yield return teardown.Result($"media stopped within {input.SilenceGraceMs} ms of every TEARDOWN.", "no successful TEARDOWN");
        yield return play.Result("media flowed after every PLAY.", "no successful PLAY followed by at least 1 s of waiting");
    }

    private static void CheckSilence(Violations violations, string method, List<MediaStream> streams, long responded, long graceNs, long until, AnalysisInput input)
    {
        var late = new List<(MediaStream Stream, RtpObservation Packet)>();
        bool slack = false;
        foreach (var stream in streams)
        {
            // Kernel times (pcap, SO_TIMESTAMPNS) are judged at the grace; a user-space loop's only past a second more.
            bool kernel = input.KernelTimestamps(stream.OverTcp);
            slack |= !kernel;
            long from = responded + graceNs + (kernel ? 0 : UserSpaceSlackNs);
            late.AddRange(stream.Rtp.Where(p => p.TimestampNs > from && p.TimestampNs < until).Select(p => (stream, p)));
        }

        if (late.Count == 0)
        {
            violations.MarkJudged();
            return;
        }

        var first = late.MinBy(l => l.Packet.TimestampNs);
        string when = slack ? $"{input.SilenceGraceMs} ms + {UserSpaceSlackNs / 1e6:0} ms (user-space receive times)" : $"{input.SilenceGraceMs} ms";
        violations.Add(string.Create(CultureInfo.InvariantCulture,
            $"{first.Stream.Name}: {late.Count} RTP packets more than {when} after the {method} response, the first (#{first.Packet.Number}) {(first.Packet.TimestampNs - responded) / 1e6:0} ms after it"),
            [.. late.Take(20).Select(l => l.Packet.Number)]);
    }

    private static bool SameSession(ScenarioEvent a, ScenarioEvent b) =>
        a.SessionId is not { } x || b.SessionId is not { } y || x == y;

    private static string Seconds(long ns, AnalysisInput input) =>
        ((ns - (input.Packets.Count > 0 ? input.Packets[0].TimestampNs : ns)) / 1e9).ToString("0.000", CultureInfo.InvariantCulture);
}
