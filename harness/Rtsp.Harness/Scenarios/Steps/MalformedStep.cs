namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// Send exact bytes (a malformed request) on a new connection: the target must answer one of <see cref="Accept"/> or
/// close the connection within <see cref="Within"/> — never a 2xx, never silence — and still serve a new connection after.
/// </summary>
/// <param name="Label">What the bytes are, for the evidence ("NUL in the request line").</param>
/// <param name="Send">The bytes as text: placeholders filled, each char below U+0100 one byte (so "\0" and "\xff" are bytes).</param>
/// <param name="Accept">Statuses that count as a refusal; empty = any 4xx.</param>
public sealed record MalformedStep(int Line, string Label, string Send, IReadOnlyList<StatusRange> Accept, TimeSpan Within, string CheckId)
    : RobustnessStep(Line, DefaultSession, CheckId)
{
    public override string Describe() => $"malformed: {Label} (line {Line})";
}
