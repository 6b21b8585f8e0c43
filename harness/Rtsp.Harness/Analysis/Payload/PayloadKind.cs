namespace Rtsp.Harness.Analysis.Payload;

/// <summary>The payload formats the harness has analyzers for; anything else is <see cref="Unknown"/>.</summary>
public enum PayloadKind
{
    Unknown,
    Jpeg,
    H264,
    H265,
}
