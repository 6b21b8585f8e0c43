namespace Rtsp.Harness.Capture;

/// <summary>
/// libpcap's counters at the end of a capture. <see cref="Dropped"/> is what the kernel ring had no room for,
/// <see cref="InterfaceDropped"/> what the driver lost; either non-zero means the capture is incomplete and the
/// report says so. <see cref="Written"/> is what reached the pcap file (on <c>lo</c> the kernel counts each packet
/// twice in <see cref="Received"/>, STACK.md).
/// </summary>
public sealed record CaptureStatistics(long Received, long Dropped, long InterfaceDropped, long Written);
