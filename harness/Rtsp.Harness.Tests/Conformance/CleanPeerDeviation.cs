using System.Text.RegularExpressions;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// A real deviation of a clean peer: a MUST check that fails because the server breaks the RFC sentence quoted,
/// not because the harness assumes the reference server's habits.
/// </summary>
/// <param name="Peer">A configuration's name, or a family (<see cref="CleanPeer.Gstreamer"/>) for all of its configurations.</param>
/// <param name="Transport">"udp", "tcp", or null for both.</param>
/// <param name="EvidencePattern">A regular expression the failure's evidence must contain, so another failure of the
/// same check is not excused by this entry.</param>
/// <param name="Evidence">What was observed, for the README table.</param>
/// <param name="Sentence">The RFC sentence the server breaks, with its clause (for a harness gap: why the harness is wrong).</param>
/// <param name="HarnessGap">Not the server's deviation but a known harness limitation still open (issue 13), listed so
/// the matrix guards everything else meanwhile; the test prints each one it excuses.</param>
internal sealed record CleanPeerDeviation(
    string Peer, string Scenario, string? Transport, string CheckId, string EvidencePattern, string Evidence, string Sentence, bool HarnessGap = false)
{
    /// <summary>A <see cref="Scenario"/> that matches every scenario (for harness gaps not tied to one).</summary>
    public const string AnyScenario = "*";

    public bool AppliesTo(CleanPeer peer) => Peer == peer.Name || Peer == peer.Family;

    public bool Matches(CleanPeer peer, ScenarioRun run, CheckResult result) =>
        AppliesTo(peer) && (Scenario == AnyScenario || Scenario == run.Scenario) && (Transport is null || Transport == run.Transport) && CheckId == result.Check.Id
        && Regex.IsMatch(result.Evidence, EvidencePattern, RegexOptions.None, TimeSpan.FromSeconds(1));

    public override string ToString() => $"{Peer}: {Scenario} ({Transport ?? "udp+tcp"}): {CheckId} /{EvidencePattern}/";
}
