using System.Globalization;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Scenarios.Steps;

namespace Rtsp.Harness.Runner;

/// <summary>
/// Whether a scenario can be run against a target as it is, decided before it runs: its <c>requires</c>, its
/// <c>min_duration</c>, every PLAY range written relative to the length (<c>npt=end-2s-</c>) and its use of the run's
/// credentials. A scenario that does not fit is not applicable, with the reason; it never runs into failures that
/// would blame the server for the harness's assumptions.
/// </summary>
public static class ScenarioApplicability
{
    /// <returns>Why the scenario does not apply to <paramref name="target"/>; null when it does.</returns>
    public static string? Unmet(Scenario scenario, TargetInfo target)
    {
        var presentation = target.Presentation;
        if (presentation.Unmet(scenario.Requires) is { } unmet)
        {
            return unmet;
        }

        if (scenario.MinDuration is { } minimum && presentation.Length is { } length && length < minimum.TotalSeconds)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"needs a presentation of at least {minimum.TotalSeconds:0.###} s (min_duration); the target's is {length:0.###} s ({presentation.Evidence})");
        }

        foreach (var step in Flatten(scenario.Steps))
        {
            if (step is PlayStep { Range: { } range } && RelativeRange.IsRelative(range) &&
                RelativeRange.Resolve(range, presentation.Length, out var why, out _) is null)
            {
                return $"{step.Describe()}: {why}";
            }

            if (step is RequestStep { Auth.NeedsRunCredentials: true } && target.Credentials is null)
            {
                return $"{step.Describe()} authenticates with the run's credentials: pass --user and --password for a target that asks for them";
            }
        }

        return null;
    }

    private static IEnumerable<ScenarioStep> Flatten(IEnumerable<ScenarioStep> steps) =>
        steps.SelectMany(s => s is RepeatStep repeat ? Flatten(repeat.Steps) : [s]);
}
