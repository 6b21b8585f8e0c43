namespace Rtsp.Protocol.H26x;

/// <summary>
/// What one <see cref="H26xDepacketizer.Push"/> produced: the access units it completed (none, or one or two: a
/// timestamp change closes the previous unit and a marker closes the current one) and the rules the packet broke.
/// </summary>
public readonly record struct H26xPushResult(IReadOnlyList<H26xAccessUnit> Completed, IReadOnlyList<H26xProblem> Problems)
{
    public static readonly H26xPushResult Empty = new([], []);
}
