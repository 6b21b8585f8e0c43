using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Analysis.Timing;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Harness.Analysis;

/// <summary>
/// The per-stream figures <c>rtsp-harness analyze</c> prints: packets, lost (as Wireshark counts it), duplicates
/// and reordered (RFC 3550 A.1), max delta and max/mean jitter (as Wireshark computes them), frames and frame rate.
/// </summary>
public sealed record StreamSummary(
    string Name,
    uint Ssrc,
    int PayloadType,
    long Packets,
    long Lost,
    long Duplicates,
    long Reordered,
    double MaxDeltaMs,
    double MaxJitterMs,
    double MeanJitterMs,
    int Frames,
    double FrameRate)
{
    public static IReadOnlyList<StreamSummary> Of(AnalysisInput input)
    {
        long origin = input.Packets.Count > 0 ? input.Packets[0].TimestampNs : 0;
        var summaries = new List<StreamSummary>();
        foreach (var stream in MediaStreams.Of(input).Where(s => s.Rtp.Count > 0))
        {
            var wireshark = new WiresharkRtpStatistics(90000);
            var reception = new RtpReceptionStatistics();
            foreach (var packet in stream.Rtp)
            {
                wireshark.Add(packet, (packet.TimestampNs - origin) / 1e6);
                reception.Update(packet.Rtp.SequenceNumber);
            }

            var timeline = FrameTimeline.Of(stream, input.Events);
            int frames = timeline.Frames.Count();
            double span = (stream.Rtp[^1].TimestampNs - stream.Rtp[0].TimestampNs) / 1e9;
            summaries.Add(new StreamSummary(
                stream.Name, stream.Rtp[0].Rtp.Ssrc, stream.Rtp[0].Rtp.PayloadType, wireshark.Packets, wireshark.Lost,
                reception.Duplicates, reception.Reordered, wireshark.MaxDeltaMs, wireshark.MaxJitterMs, wireshark.MeanJitterMs,
                frames, frames > 1 && span > 0 ? (frames - 1) / span : 0));
        }

        return summaries;
    }
}
