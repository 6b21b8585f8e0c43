using Rtsp.Client.Transport;

namespace Rtsp.Ref.Play;

/// <summary>What <c>rtsp-ref play</c> was asked to do, after parsing and validation.</summary>
public sealed record PlayOptions(
    string Url,
    RtpTransportMode Transport,
    TimeSpan? Duration,
    long? Frames,
    string? RecordPath,
    string? SnapshotDirectory,
    TimeSpan Timeout,
    bool Web,
    int WebPort);
