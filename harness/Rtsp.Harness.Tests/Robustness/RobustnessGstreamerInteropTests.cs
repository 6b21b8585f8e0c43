using FluentAssertions;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Targets;
using Rtsp.Harness.Tests.Conformance;

namespace Rtsp.Harness.Tests.Robustness;

/// <summary>
/// The robustness family against GStreamer's gst-rtsp-server 1.22 (scripts/peers/gst_rtsp_server.py, /avi mount): the
/// run ends in clear verdicts (no harness error), and GStreamer's real deviations, observed on this machine, are findings
/// of the right checks with their evidence.
/// </summary>
[Category("Interop")]
public sealed class RobustnessGstreamerInteropTests
{
    [Test]
    [CancelAfter(5 * 60 * 1000)]
    public void The_family_reports_gstreamers_real_behaviour_as_findings()
    {
        using var gst = GstreamerTestPeer.StartOrInconclusive();
        var family = RobustnessRuns.Family();
        var report = HarnessRuns.Run(family, $"robustness-gstreamer-{HarnessRuns.Stamp()}", Path.Combine(HarnessRuns.Root, "reports"),
            gst.AviUrl);
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, RobustnessRuns.Findings(report)));

        report.Scenarios.Should().HaveCount(family.Sum(s => s.Transports.Count), "the run completes");
        HarnessRuns.Errors(report).Should().BeEmpty("a server that deviates is judged, not a harness error");

        // It accepts client_port=0 (and a reversed pair) with 200 instead of 400/461.
        RobustnessRuns.Finding(report, "robust.transport.ports").Evidence.Should().Contain("client_port=0").And.Contain("200");

        // It answers 200 to PLAY with a Range it cannot play (reversed, negative, far past the 10 s end).
        RobustnessRuns.Finding(report, "rtsp.status.457", "robustness-range-outside").Evidence.Should().Contain("npt=5-2").And.Contain("200");

        // It never answers when the CR and LF ending the last header line arrive in different TCP segments.
        RobustnessRuns.Finding(report, "robust.split", "robustness-split-every-byte").Evidence.Should().Contain("\\r\" | \"\\n");

        // Another client address may drive a session it did not set up.
        RobustnessRuns.Finding(report, "robust.takeover.address").Evidence.Should().Contain("127.0.0.2");

        // Header bytes it should refuse it accepts (NUL, escape sequences, a CSeq that is no number).
        RobustnessRuns.Finding(report, "robust.malformed").Evidence.Should().Contain("ACCEPTED");

        // Its session ids are 16 characters: under 128 bits however random.
        RobustnessRuns.Finding(report, "robust.session.ids").Evidence.Should().Contain("fewer than 128");

        // Nothing stops one client from holding 200 sessions.
        RobustnessRuns.Finding(report, "robust.limit.sessions").Evidence.Should().Contain("without a 453 or 503");

        // What it does right: pipelining, bare CR/LF, refusing garbage request lines, no reflection; it survives everything.
        foreach (var id in new[] { "robust.pipeline", "robust.line-endings", "robust.reflection", "robust.alive" })
        {
            RobustnessRuns.Verdicts(report, id).Should().NotBeEmpty().And.OnlyContain(r => r.Verdict == Checks.Verdict.Pass, id);
        }
    }
}
