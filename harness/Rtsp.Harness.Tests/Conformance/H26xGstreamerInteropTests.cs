using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// The H.264 / H.265 payload analyzers against a real third-party sender: GStreamer's gst-rtsp-server
/// (scripts/peers/gst_rtsp_server.py) serving MP4 files through h26xparse ! rtph26xpay (/h264, /h265: libx264 /
/// libx265 with B-frames) and a live openh264enc / x264enc stream (/live-h264, no B-frames). play-basic runs over
/// UDP and TCP; every h26x check that had something to judge passes (decoding included: every access unit from the
/// first IDR/IRAP on decodes with ffmpeg), the SDP's dynamic payload type counts as a mapped format, and the JPEG
/// checks do not apply. No stream has a MUST failure: the files' B-frames send RTP timestamps in decoding order, not
/// increasing (RFC 6184 §5.1: the timestamp is the picture's sampling time), which RFC 3550 §5.1 allows and
/// rtp.ts.monotonic judges within the reordering a decoder allows.
/// </summary>
[Category("Interop")]
public sealed class H26xGstreamerInteropTests
{
    [TestCase("h264", "h264")]
    [TestCase("h265", "h265")]
    [TestCase("live-h264", "h264")]
    [CancelAfter(6 * 60 * 1000)]
    public void Play_basic_against_gstreamer_passes_every_payload_check(string mount, string prefix)
    {
        CleanPeerServer server;
        try
        {
            // Own server RTP ports and client band, apart from the clean-peers matrix's (30000-36999, 40000-60999).
            server = CleanPeerServer.StartGstreamer(mount, ["--size", "320x240", "--fps", "25", "--seconds", "6"], (37000, 37999));
        }
        catch (CleanPeerUnavailableException e)
        {
            Assert.Inconclusive(e.Message);
            throw;
        }

        using (server)
        {
            var scenarios = HarnessRuns.Catalogue().Where(s => s.Name == "play-basic").ToList();
            var report = HarnessRuns.Run(scenarios, $"interop-gst-{mount}-{HarnessRuns.Stamp()}", Path.Combine(HarnessRuns.Root, "reports"), server.Url,
                portBand: (61000, 62999));
            TestContext.Out.WriteLine(string.Join(Environment.NewLine, HarnessRuns.Failures(report)));

            HarnessRuns.Errors(report).Should().BeEmpty();
            report.Scenarios.Should().HaveCount(2, "play-basic over UDP and TCP");
            bool bFrames = !mount.StartsWith("live", StringComparison.Ordinal);
            HarnessRuns.Failures(report, r => r.Check.Level == CheckLevel.Must).Should().BeEmpty();
            if (!bFrames)
            {
                report.Scenarios.Should().OnlyContain(s => s.Outcome == ScenarioOutcome.Pass);
            }

            foreach (var run in report.Scenarios)
            {
                var payload = run.Analysis.Results.Where(r => r.Check.Id.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList();
                payload.Should().NotBeEmpty();
                payload.Where(r => r.Verdict == Verdict.Fail).Select(r => $"{r.Check.Id}: {r.Evidence}").Should().BeEmpty();
                foreach (string judged in new[] { "packetization", "fu.boundaries", "forbidden-bit", "marker", "timestamp-per-au", "parameter-sets", "decode" })
                {
                    var result = payload.Single(r => r.Check.Id == $"{prefix}.{judged}");
                    result.Verdict.Should().Be(Verdict.Pass, $"{run.Transport} {result.Check.Id}: {result.Evidence}");
                }

                payload.Single(r => r.Check.Id == $"{prefix}.decode").Metrics!["frames_decoded"].Should().BeGreaterThan(10);
                run.Analysis.Results.Single(r => r.Check.Id == "sdp.media.format").Verdict.Should().Be(Verdict.Pass);
                run.Analysis.Results.Where(r => r.Check.Id.StartsWith("jpeg.", StringComparison.Ordinal)).Should().OnlyContain(r => r.Verdict == Verdict.NotApplicable);
            }
        }
    }
}
