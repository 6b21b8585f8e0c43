namespace Rtsp.Client.Media;

/// <summary>The numbers of one RTCP report block (RFC 3550 §6.4.1) for a sender, before LSR/DLSR are added.</summary>
public sealed record ReceptionReport(uint SenderSsrc, byte FractionLost, long CumulativeLost, uint ExtendedHighestSequence, uint Jitter);
