using System.Diagnostics;
using FluentAssertions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// Presentations of another length, rate and size than our 10 s 25 fps sample: the reference server serving a 4 s
/// 15 fps 320x240 clip and a 14 s 30 fps one, judged as external targets. The playing and seeking scenarios scale
/// their frame counts by the announced rate and their seeks by the announced length, so a clean server passes them
/// all; with the sample's numbers baked in, the 14 s clip's seek to npt=8 would leave 6 s, not 2.
/// </summary>
[Category("Conformance")]
[NonParallelizable]
public sealed class TargetGeometryTests
{
    private static readonly string[] Scenarios = ["play-basic", "seek-forward", "seek-backward", "play-to-end"];

    [TestCase(15, 4.0, "320x240", "npt=2-", "npt=1-", "npt=0-")]
    [TestCase(30, 14.0, "640x480", "npt=12-", "npt=11-", "npt=10-")]
    [CancelAfter(5 * 60 * 1000)]
    public void The_playing_and_seeking_scenarios_pass_on_a_clip_of_another_length_and_rate(
        int fps, double seconds, string size, string seekForward, string seekBackFirst, string seekBackSecond)
    {
        var folder = Directory.CreateTempSubdirectory("geometry-").FullName;
        try
        {
            MjpegClip.Make(Path.Combine(folder, "clip.mjpeg"), fps, seconds, size);
            using var server = ReferenceServer.Start(HarnessRuns.Root, [], ["--media", folder, "--fps", fps.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            var clock = Stopwatch.StartNew();
            var report = HarnessRuns.Run(HarnessRuns.Named(Scenarios), $"geometry-{fps}fps-{HarnessRuns.Stamp()}", Path.Combine(HarnessRuns.Root, "reports", "geometry"),
                target: new Uri(server.BaseUrl, "clip.mjpeg").ToString());
            TestContext.Out.WriteLine($"{report.Presentation}: {report.Scenarios.Count} runs in {clock.Elapsed.TotalSeconds:0} s");
            foreach (var failure in HarnessRuns.Failures(report))
            {
                TestContext.Out.WriteLine("  " + failure);
            }

            report.Presentation.Should().StartWith($"stored media (a=range:npt=0-{seconds}); {seconds} s, {fps} fps (a=framerate), JPEG/90000");
            HarnessRuns.Errors(report).Should().BeEmpty();
            HarnessRuns.Failures(report, r => r.Check.Level == CheckLevel.Must).Should().BeEmpty("a clean server of another geometry breaks no MUST");
            report.Scenarios.Should().HaveCount(2 * Scenarios.Length).And.OnlyContain(s => s.Outcome == ScenarioOutcome.Pass);
            var evidence = report.Scenarios.SelectMany(s => s.Analysis.Results.Select(r => $"{s.Scenario}: {r.Evidence}")).ToList();
            evidence.Should().Contain(e => e.StartsWith("seek-forward: PLAY npt=end-2s- (line ", StringComparison.Ordinal) && e.Contains($"sent {seekForward}", StringComparison.Ordinal));
            // Verdicts of one check merge into one evidence, the steps' parts joined by " | ".
            evidence.Should().Contain(e => e.StartsWith("seek-backward: ", StringComparison.Ordinal) &&
                e.Contains($"PLAY npt=end-3s- (line 8) sent {seekBackFirst}", StringComparison.Ordinal) &&
                e.Contains($"PLAY npt=end-4s- (line 12) sent {seekBackSecond}", StringComparison.Ordinal));
            evidence.Should().Contain(e => e.StartsWith("play-to-end: expect_rtp", StringComparison.Ordinal) &&
                e.Contains($"90% of {fps} fps × 2 s, rate a=framerate", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
