namespace Rtsp.Client.Session;

/// <summary>One move of the client state machine and the reason for it (shown to users, e.g. "PAUSE answered").</summary>
public sealed record RtspClientStateChange(RtspClientState From, RtspClientState To, string Reason);
