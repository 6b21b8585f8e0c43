namespace Rtsp.Soak.Load;

/// <summary>A step of a cycle or stream went wrong. <see cref="Kind"/> ("SETUP: 503 Service Unavailable",
/// "media: none within 5 s") is what errors are counted by; the message has the detail.</summary>
public sealed class SoakStepException(string step, string what, string detail) : Exception(detail)
{
    public string Kind { get; } = $"{step}: {what}";
}
