namespace Rtsp.Harness.Capture;

/// <summary>One link-layer frame as stored in a capture file.</summary>
/// <param name="Number">1-based frame number, as Wireshark shows it.</param>
/// <param name="TimestampNs">Capture time in nanoseconds since the Unix epoch.</param>
public readonly record struct CaptureFrame(long Number, long TimestampNs, ReadOnlyMemory<byte> Data);
