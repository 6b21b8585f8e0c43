namespace Rtsp.Harness.Scenarios;

/// <summary>One rule about a response header (names compare case-insensitively, RFC 2326 §4.2).</summary>
/// <param name="Value">The text to compare with: exact value, substring (or comma list item), or a regex.</param>
public sealed record HeaderExpectation(string Name, HeaderRule Rule, string? Value);

public enum HeaderRule
{
    Present,
    Absent,
    Equals,
    Contains,
    Regex,
}
