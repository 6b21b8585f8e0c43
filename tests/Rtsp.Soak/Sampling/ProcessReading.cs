namespace Rtsp.Soak.Sampling;

/// <summary>One reading of /proc/PID: resident memory, open descriptors (and how many of each kind), threads, UDP sockets.</summary>
public sealed record ProcessReading(long RssKiB, int FileDescriptors, int Threads, int UdpSockets, IReadOnlyDictionary<string, int> FileDescriptorKinds);
