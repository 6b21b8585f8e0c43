namespace Rtsp.Harness.Runner;

/// <summary>How packets are obtained: a pcap of the interface (nanosecond kernel timestamps) or the harness's own sockets.</summary>
public enum CaptureMode
{
    /// <summary>pcap when the process has capture rights, else socket (said so in the report).</summary>
    Auto,
    Pcap,
    Socket,
}
