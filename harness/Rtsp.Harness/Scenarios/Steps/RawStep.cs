namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// Send exact bytes on the session's connection (malformed requests, bare LF, pipelining), then read
/// <see cref="Responses"/> responses; <see cref="Expect"/> applies to each of them.
/// </summary>
/// <param name="Chunks">The bytes to send, in pieces sent with <see cref="ChunkDelay"/> between them (one piece = one write).
/// Placeholders like {target} and {cseq} are filled in; "\r" and "\n" are written exactly as in the YAML string.</param>
public sealed record RawStep(
    int Line,
    string Session,
    IReadOnlyList<string> Chunks,
    TimeSpan ChunkDelay,
    int Responses,
    Expectation? Expect) : ScenarioStep(Line, Session)
{
    public override string Describe() => $"raw request (line {Line})";
}
