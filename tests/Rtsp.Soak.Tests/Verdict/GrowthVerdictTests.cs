using Rtsp.Soak.Sampling;
using Rtsp.Soak.Verdict;
using static Rtsp.Soak.Tests.Verdict.SyntheticSeries;

namespace Rtsp.Soak.Tests.Verdict;

public class GrowthVerdictTests
{
    // A healthy server: 220 FDs / 50 UDP sockets / 21 threads when quiet, hundreds more while cycling, RSS noisy by
    // ±6 MiB around 140 MiB and a GC-sized step while cycling.
    private static double HealthyFds(SoakPhase p, int i) => Busy(p, 220, 200 + Noise(i, 40));
    private static double HealthyUdp(SoakPhase p, int i) => Busy(p, 50, 180 + Noise(i, 30));
    private static double HealthyThreads(SoakPhase p, int i) => Busy(p, 21, 3 + Noise(i, 3));
    private static double HealthyRss(SoakPhase p, int i) => (p >= SoakPhase.Cycles ? 155 : 140) + Noise(i, 6);

    [Test]
    public void A_flat_noisy_series_passes()
    {
        var verdict = GrowthVerdict.Judge(Build(HealthyFds, HealthyUdp, HealthyThreads, HealthyRss));

        verdict.Failures.Should().BeEmpty();
        verdict.Passed.Should().BeTrue();
        verdict.Checks.Select(c => c.Resource).Should().Equal("file descriptors", "UDP sockets", "threads", "RSS");
        verdict.Checks.Single(c => c.Resource == "file descriptors").PeakWhileCycling.Should().BeGreaterThan(400);
    }

    [Test]
    public void A_leak_of_one_descriptor_every_ten_cycles_fails_and_names_the_kind()
    {
        // 100 cycles a sample: +10 FDs a sample from the first cycling sample on, kept to the end.
        static double Leaking(SoakPhase p, int i) => HealthyFds(p, i) + (p >= SoakPhase.Cycles ? 10 * (i - 19) : 0);

        var verdict = GrowthVerdict.Judge(Build(Leaking, HealthyUdp, HealthyThreads, HealthyRss));

        verdict.Passed.Should().BeFalse();
        verdict.Failures.Should().ContainSingle().Which.Should().StartWith("grew: file descriptors").And.Contain("TCP socket +");
    }

    [Test]
    public void Five_descriptors_more_at_the_end_fail_four_pass()
    {
        GrowthVerdict.Judge(Build((p, i) => HealthyFds(p, i) + (p == SoakPhase.End ? 5 : 0), HealthyUdp, HealthyThreads, HealthyRss))
            .Passed.Should().BeFalse();
        GrowthVerdict.Judge(Build((p, i) => HealthyFds(p, i) + (p == SoakPhase.End ? 4 : 0), HealthyUdp, HealthyThreads, HealthyRss))
            .Passed.Should().BeTrue();
    }

    [Test]
    public void Udp_sockets_of_sessions_never_reaped_fail()
    {
        // Abandoned UDP sessions left behind: their RTP/RTCP pairs stay bound (+2 a sample of cycling).
        static double Unreaped(SoakPhase p, int i) => HealthyUdp(p, i) + (p >= SoakPhase.Cycles ? 2 * (i - 19) : 0);

        var verdict = GrowthVerdict.Judge(Build((p, i) => HealthyFds(p, i) + Unreaped(p, i) - HealthyUdp(p, i), Unreaped, HealthyThreads, HealthyRss));

        verdict.Failures.Should().Contain(f => f.StartsWith("grew: UDP sockets", StringComparison.Ordinal));
    }

    [Test]
    public void A_thread_per_abandoned_session_fails()
    {
        static double Leaking(SoakPhase p, int i) => HealthyThreads(p, i) + (p >= SoakPhase.Cycles ? (i - 19) / 4 : 0);

        GrowthVerdict.Judge(Build(HealthyFds, HealthyUdp, Leaking, HealthyRss)).Failures
            .Should().ContainSingle().Which.Should().StartWith("grew: threads");
    }

    [Test]
    public void Rss_more_than_a_quarter_above_the_baseline_fails_and_within_it_passes()
    {
        static double Leaking(SoakPhase p, int i) => HealthyRss(p, i) + (p >= SoakPhase.Cycles ? 1.0 * (i - 19) : 0);

        var leaking = GrowthVerdict.Judge(Build(HealthyFds, HealthyUdp, HealthyThreads, Leaking));
        leaking.Failures.Should().ContainSingle().Which.Should().StartWith("grew: RSS");
        leaking.RssSlopeMiBPerMinute.Should().BeApproximately(60, 15);

        GrowthVerdict.Judge(Build(HealthyFds, HealthyUdp, HealthyThreads, (p, i) => HealthyRss(p, i) + (p >= SoakPhase.DrainBeforeEnd ? 10 : 0)))
            .Passed.Should().BeTrue();
    }

    [Test]
    public void One_outlying_sample_in_a_window_does_not_decide()
    {
        // A sample taken in the middle of a burst (e.g. the machine stalled the reaper) is outvoted by the median.
        static double Spike(SoakPhase p, int i) => HealthyFds(p, i) + (p == SoakPhase.End && i == 90 ? 300 : 0);

        GrowthVerdict.Judge(Build(Spike, HealthyUdp, HealthyThreads, HealthyRss)).Passed.Should().BeTrue();
    }

    [Test]
    public void Code_files_the_runtime_opens_once_do_not_count_but_a_media_file_left_open_does()
    {
        // The first stack trace the server renders opens the PDB reader's assemblies and the server's PDB.
        static Dictionary<string, int> StackTraceSupport(SoakPhase p, int i) => p >= SoakPhase.Cycles
            ? new() { ["/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/System.Reflection.Metadata.dll"] = 2, ["/app/Rtsp.Server.pdb"] = 1, ["/usr/lib/libfoo.so.1"] = 6 }
            : [];
        static Dictionary<string, int> MediaLeft(SoakPhase p, int i) => p >= SoakPhase.Cycles ? new() { ["/media/sample.mjpeg"] = 5 } : [];

        GrowthVerdict.Judge(Build(HealthyFds, HealthyUdp, HealthyThreads, HealthyRss, extraFiles: StackTraceSupport)).Passed.Should().BeTrue();
        GrowthVerdict.Judge(Build(HealthyFds, HealthyUdp, HealthyThreads, HealthyRss, extraFiles: MediaLeft)).Failures
            .Should().ContainSingle().Which.Should().Contain("/media/sample.mjpeg +5");
    }

    [TestCase(1, 60, 4, "baseline window has 1 samples")]
    [TestCase(4, 60, 0, "end window has 0 samples")]
    [TestCase(4, 0, 4, "no sample was taken while cycling")]
    public void Too_little_to_judge_fails(int baseline, int cycling, int end, string reason)
    {
        var verdict = GrowthVerdict.Judge(Build(HealthyFds, HealthyUdp, HealthyThreads, HealthyRss, baseline, cycling, end));

        verdict.Passed.Should().BeFalse();
        verdict.Failures.Should().Contain(f => f.Contains(reason, StringComparison.Ordinal));
    }
}
