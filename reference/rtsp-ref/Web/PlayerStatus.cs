namespace Rtsp.Ref.Web;

/// <summary>What <c>GET /api/status</c> answers (JSON, camelCase) and every command returns: enough for the page to
/// draw its state, buttons, slider and statistics. <c>Live</c> is null until DESCRIBE said which.</summary>
public sealed record PlayerStatus(
    string Url,
    string State,
    bool? Live,
    double? Duration,
    double? Position,
    bool Ended,
    string? Transport,
    string? SessionId,
    string? Error,
    string? Warning,
    PlayerStatistics Statistics);

public sealed record PlayerStatistics(
    long Frames,
    long IncompleteFrames,
    long Packets,
    long LostPackets,
    double LossPercent,
    double JitterMilliseconds,
    double Fps,
    double BitrateKbps);
