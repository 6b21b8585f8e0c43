namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// A step of the robustness family: it sends something hostile or unusual and files what happened under
/// <see cref="CheckId"/> as a finding with its evidence. The runner hands every such step to
/// <c>Runner.Robustness.RobustnessStepRunner</c>.
/// </summary>
public abstract record RobustnessStep(int Line, string Session, string CheckId) : ScenarioStep(Line, Session);
