namespace Rtsp.Harness.Runner;

/// <summary>One SETUP that succeeded: which track, over what, and where its packets arrive.</summary>
public sealed record MediaStreamSetup(int Track, string LowerTransport, UdpMediaReceiver? Udp, int? RtpChannel, int? RtcpChannel);
