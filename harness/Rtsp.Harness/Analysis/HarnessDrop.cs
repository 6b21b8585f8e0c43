namespace Rtsp.Harness.Analysis;

/// <summary>
/// Packets the harness itself lost, not the server: datagrams its UDP socket dropped on a full receive buffer (the
/// kernel's SO_RXQ_OVFL counter rose between two datagrams), packets libpcap dropped, or packets the recorder counted
/// but did not keep. <see cref="FromNs"/>..<see cref="ToNs"/> bracket when they were lost (the arrivals of the
/// datagrams before and after the jump), so only verdicts about that stretch become inconclusive.
/// </summary>
/// <param name="FromNs">Last arrival known complete before the loss (ns since the Unix epoch; 0 = the start).</param>
/// <param name="ToNs">First arrival after the loss (<see cref="long.MaxValue"/> = until the end of the run).</param>
/// <param name="Count">How many packets were lost in between.</param>
/// <param name="Source">Who lost them, for the evidence ("udp socket 127.0.0.1:50000", "pcap", "recorder limit").</param>
public sealed record HarnessDrop(long FromNs, long ToNs, long Count, string Source)
{
    public bool Overlaps(long fromNs, long toNs) => FromNs <= toNs && ToNs >= fromNs;
}
