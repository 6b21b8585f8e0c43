using FluentAssertions;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// The clean-peers matrix (issue 13): the catalogue over UDP and TCP against servers that differ from the reference
/// server's sample (GStreamer serving MJPEG at other frame rates, lengths and sizes, a live mount, H.264 and H.265;
/// our server passing H.264 through). A clean server fails no MUST check except its real deviations, each listed in
/// <see cref="CleanPeerDeviations"/> with the RFC sentence it breaks; any other MUST failure is the harness judging
/// others by the reference server's habits. Every configuration runs at once in the fixture's set-up; each test
/// case then judges one configuration.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public sealed class CleanPeersTests
{
    private static readonly string Folder = Path.Combine(HarnessRuns.Root, "reports", $"clean-peers-{HarnessRuns.Stamp()}");
    private static IReadOnlyList<CleanPeerRun> _runs = [];

    private static IEnumerable<string> Peers() => CleanPeer.All().Select(p => p.Name);

    [OneTimeSetUp]
    public void RunTheMatrix()
    {
        (_runs, var wall) = CleanPeerMatrix.Run(CleanPeer.All(), Folder);
        TestContext.Progress.WriteLine($"clean peers: {_runs.Count} configurations at once in {wall.TotalSeconds:0} s; {Path.Combine(Folder, "must-failures.txt")}");
    }

    [TestCaseSource(nameof(Peers))]
    public void The_peer_fails_no_must_check_but_its_listed_deviations_over_udp_and_tcp(string name)
    {
        var run = _runs.Single(r => r.Peer.Name == name);
        var peer = run.Peer;
        TestContext.Out.WriteLine(CleanPeerMatrix.Describe(run));
        if (run.Unavailable is { } reason)
        {
            Assert.Inconclusive($"{peer.Name} cannot run here: {reason}");
        }

        run.Crash.Should().BeNull("the harness runs the whole catalogue against the peer");
        if (run.PeerDied)
        {
            Assert.Inconclusive($"{peer.Name} stopped accepting connections during the run, so the scenarios after that could not be judged");
        }

        var report = run.Report!;
        report.Scenarios.Should().HaveCount(HarnessRuns.Catalogue().Sum(s => s.Transports.Count), "every scenario is reported over each transport");
        run.Errors.Should().BeEmpty("a clean peer is judged, not a harness error");
        run.Unlisted.Select(f => f.ToString()).Should().BeEmpty(
            $"{peer.Name} follows every MUST but its listed deviations (CleanPeerDeviations); report {Path.Combine(Folder, report.RunId)}");
    }
}
