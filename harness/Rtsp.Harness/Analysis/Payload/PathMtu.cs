using Rtsp.Harness.Analysis.Streams;

namespace Rtsp.Harness.Analysis.Payload;

/// <summary>
/// Whether a stream's UDP packets fit the Ethernet path MTU a sender must assume without discovery (RFC 8085 §3.2):
/// payload formats that fragment (RFC 2435 §3.1, RFC 6184 FU-A, RFC 7798 FU) have no excuse for IP fragmentation.
/// </summary>
public static class PathMtu
{
    public const int Bytes = 1500;

    public static void Check(MediaStream stream, Violations mtu)
    {
        if (stream.OverTcp)
        {
            return; // TCP segments the stream itself
        }

        foreach (var packet in stream.Rtp)
        {
            int overhead = packet.Packet.SourceAddress.Contains(':') ? 48 : 28; // IPv6 or IPv4 header + UDP header
            int size = packet.Packet.Data.Length + overhead;
            if (size > Bytes)
            {
                mtu.Add($"{stream.Name}: packet #{packet.Number} is {size} bytes on the wire", packet.Number);
            }
            else
            {
                mtu.MarkJudged();
            }
        }
    }
}
