using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Cli.Run;

/// <summary>Which scenarios <c>rtsp-harness run --scenario NAME --tag TAG</c> runs.</summary>
public static class ScenarioSelection
{
    /// <summary>
    /// Names and tags add up (<c>--scenario a --tag robustness</c> runs a and the whole family); neither given = all.
    /// A name or tag that matches nothing is an error, never an empty run that looks like a pass.
    /// </summary>
    public static IReadOnlyList<Scenario> Select(IReadOnlyList<Scenario> all, IReadOnlyList<string> names, IReadOnlyList<string> tags)
    {
        var unknown = names.Where(n => all.All(s => s.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            throw new HarnessEnvironmentException($"no scenario named {string.Join(", ", unknown)} (rtsp-harness list shows them)");
        }

        var unknownTags = tags.Where(t => all.All(s => !s.Tags.Contains(t))).ToList();
        if (unknownTags.Count > 0)
        {
            throw new HarnessEnvironmentException($"no scenario has the tag {string.Join(", ", unknownTags)} (rtsp-harness list shows the tags)");
        }

        return names.Count == 0 && tags.Count == 0
            ? all
            : all.Where(s => names.Contains(s.Name) || s.Tags.Any(tags.Contains)).ToList();
    }
}
