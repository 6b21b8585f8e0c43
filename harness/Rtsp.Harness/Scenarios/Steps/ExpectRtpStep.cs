namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// Watch the session's media for <see cref="Window"/> and judge it. Frames are counted as distinct RTP timestamps
/// (not marker bits), so a marker fault does not make this step fail as well as the marker check.
/// </summary>
/// <param name="FramesAtLeast">Absolute, or relative to the target's frame rate (<see cref="FrameCount"/>).</param>
/// <param name="Silence">No RTP at all after <see cref="Grace"/> (used after PAUSE and TEARDOWN).</param>
/// <param name="Continuity">The first packet of the window continues the last packet before the preceding PAUSE:
/// seq +1 and a timestamp that moved forward (RFC 2326 §10.6).</param>
public sealed record ExpectRtpStep(
    int Line,
    string Session,
    TimeSpan Window,
    FrameCount? FramesAtLeast,
    FrameCount? FramesAtMost,
    bool Silence,
    TimeSpan Grace,
    bool Continuity,
    string CheckId) : ScenarioStep(Line, Session)
{
    public override string Describe() => $"expect_rtp {Window.TotalSeconds:0.###} s (line {Line})";
}
