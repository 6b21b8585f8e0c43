namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>PLAY, optionally with a Range (e.g. <c>npt=3-</c>) to seek.</summary>
public sealed record PlayStep(RequestStep Request, string? Range) : RequestStep(Request)
{
    public override string Describe() => Range is null ? $"PLAY (line {Line})" : $"PLAY {Range} (line {Line})";
}
