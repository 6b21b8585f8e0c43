using Rtsp.Harness.Scenarios.Steps;

namespace Rtsp.Harness.Scenarios;

/// <summary>
/// One scenario file: a named sequence of steps run against the target, once per media transport it applies to.
/// The schema is documented with examples in <c>scenarios/README.md</c>.
/// </summary>
/// <param name="SourceFile">The YAML file it was loaded from (for error messages and the report).</param>
/// <param name="Transports">"udp" and/or "tcp": the media transports it runs over (SETUP steps use it).</param>
/// <param name="ServerArguments">Options the reference server must be started with (e.g. <c>--session-timeout 4</c>);
/// non-empty means the scenario cannot run against an external target and is reported as not applicable there.</param>
/// <param name="FrameRate">Nominal frame rate when the SDP gives none.</param>
/// <remarks><see cref="Requires"/>: <see cref="MediaRequirement"/> words the target's presentation must meet (the
/// scenario is not applicable otherwise); empty = any presentation.</remarks>
public sealed record Scenario(
    string Name,
    string Description,
    string SourceFile,
    IReadOnlyList<string> Transports,
    IReadOnlyList<string> ServerArguments,
    IReadOnlyList<string> Tags,
    double? FrameRate,
    IReadOnlyList<ScenarioStep> Steps)
{
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>"udp" or "tcp": a companion session the runner starts on its own connection before the steps and keeps
    /// playing, so the report shows what the steps cost a healthy client (robust.collateral); null = none.</summary>
    public string? Healthy { get; init; }

    /// <summary>The shortest stored presentation the scenario makes sense on (it plays from the start for longer
    /// than a shorter one lasts); a stored target shorter than this makes it not applicable. Null = any length.</summary>
    public TimeSpan? MinDuration { get; init; }
}
