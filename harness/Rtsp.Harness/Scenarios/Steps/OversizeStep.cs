namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>
/// An oversize request made by a generator, judged like <see cref="MalformedStep"/>: a 4xx (400, 413, 414, 431-style)
/// or a close within <see cref="Within"/>, never a 2xx, never silence.
/// </summary>
/// <param name="Size">Bytes for <see cref="OversizeKind.HeaderBytes"/> and <see cref="OversizeKind.UriBytes"/>; a count
/// for <see cref="OversizeKind.HeaderCount"/>; the declared length for <see cref="OversizeKind.ContentLength"/>.</param>
public sealed record OversizeStep(int Line, OversizeKind Kind, long Size, TimeSpan Within, string CheckId)
    : RobustnessStep(Line, DefaultSession, CheckId)
{
    public override string Describe() => $"oversize {Kind} {Size} (line {Line})";
}

public enum OversizeKind
{
    /// <summary>One header line whose value is Size bytes.</summary>
    HeaderBytes,

    /// <summary>Size short header lines.</summary>
    HeaderCount,

    /// <summary>A request URI of Size bytes.</summary>
    UriBytes,

    /// <summary>Content-Length: Size with no body sent (a server that believes it waits for gigabytes).</summary>
    ContentLength,
}
