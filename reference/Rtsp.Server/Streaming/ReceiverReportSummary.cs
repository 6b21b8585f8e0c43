namespace Rtsp.Server.Streaming;

/// <summary>What the client's receiver reports said about this stream (RFC 3550 6.4.2), last one wins.</summary>
public sealed record ReceiverReportSummary(long Reports, byte FractionLost, int CumulativeLost, uint ExtendedHighestSequence, uint Jitter);
