namespace Rtsp.Harness.Scenarios;

/// <summary>
/// What a response must look like. Each part that does not hold becomes a failed <see cref="Checks.CheckResult"/>
/// for <see cref="CheckId"/> (default <c>scenario.expect</c>), with the step's line and the header as evidence.
/// </summary>
/// <param name="Statuses">Accepted status codes; empty = any. A class like 4xx is stored as 400..499.</param>
/// <param name="BodyContains">Substrings the body must contain.</param>
/// <param name="BodyRegex">Patterns the body must match.</param>
/// <param name="SdpParses">When true the body must parse as SDP (RFC 8866).</param>
/// <param name="NoResponse">When true the target must NOT answer within the wait (e.g. after an interleaved frame).</param>
public sealed record Expectation(
    IReadOnlyList<StatusRange> Statuses,
    IReadOnlyList<HeaderExpectation> Headers,
    IReadOnlyList<string> BodyContains,
    IReadOnlyList<string> BodyRegex,
    bool SdpParses,
    bool NoResponse,
    string CheckId,
    int Line)
{
    public const string DefaultCheckId = "scenario.expect";

    public bool AcceptsStatus(int status) => Statuses.Count == 0 || Statuses.Any(s => s.Contains(status));
}

/// <summary>An inclusive range of status codes: 200..200 for "200", 400..499 for "4xx".</summary>
public readonly record struct StatusRange(int Low, int High)
{
    public bool Contains(int status) => status >= Low && status <= High;

    public override string ToString() => Low == High ? Low.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Low / 100}xx";
}
