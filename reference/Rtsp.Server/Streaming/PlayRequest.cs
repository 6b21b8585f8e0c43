namespace Rtsp.Server.Streaming;

/// <summary>
/// One PLAY run: from stored frame <see cref="FirstFrame"/> up to (not including) <see cref="EndFrame"/>; both
/// ignored for live sources, which send whatever is newest.
/// </summary>
public readonly record struct PlayRequest(int FirstFrame, int EndFrame);
