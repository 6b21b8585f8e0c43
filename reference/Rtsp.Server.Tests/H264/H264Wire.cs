using OpenCvSharp;
using Rtsp.Protocol.H26x;
using Rtsp.Protocol.Rtp;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.H264;

/// <summary>What the tests read from received H.264 RTP: access units (H1's depacketizer), FU-A bits, decoding.</summary>
public static class H264Wire
{
    public sealed record Depacketized(List<H26xAccessUnit> Units, List<H26xProblem> Problems);

    public static Depacketized Depacketize(IEnumerable<CapturedPacket> packets)
    {
        var depacketizer = new H26xDepacketizer(H26xCodec.H264);
        var units = new List<H26xAccessUnit>();
        var problems = new List<H26xProblem>();
        foreach (var p in packets)
        {
            var result = depacketizer.Push(p.Seq, p.Timestamp, p.Packet.Marker, p.Packet.Payload.Span);
            units.AddRange(result.Completed);
            problems.AddRange(result.Problems);
        }
        if (depacketizer.Flush() is { } last)
            units.Add(last);
        return new Depacketized(units, problems);
    }

    /// <summary>The RTP packets received on interleaved channel 0 of <paramref name="client"/>.</summary>
    public static List<CapturedPacket> Interleaved(RtspTestClient client) =>
        RtpCapture.Parse(client.Interleaved.Where(f => f.Frame.Channel == 0).Select(f => (f.Frame.Payload, f.Arrival)));

    /// <summary>The FU headers (second payload byte) of every FU-A packet.</summary>
    public static List<byte> FuHeaders(IEnumerable<CapturedPacket> packets) =>
        [.. packets.Where(p => p.Packet.Payload.Length > 1 && (p.Packet.Payload.Span[0] & 0x1F) == H264Packetizer.FuAType)
            .Select(p => p.Packet.Payload.Span[1])];

    /// <summary>Writes the units as one Annex B stream and counts the pictures OpenCV (FFmpeg) decodes from it.</summary>
    public static int DecodedPictures(IEnumerable<H26xAccessUnit> units)
    {
        string file = Path.Combine(Path.GetTempPath(), $"rtsp-ref-h264-{Guid.NewGuid():N}.h264");
        try
        {
            using (var stream = System.IO.File.Create(file))
            {
                foreach (var unit in units)
                    stream.Write(unit.ToAnnexB());
            }
            using var capture = new VideoCapture(file, VideoCaptureAPIs.FFMPEG);
            using var picture = new Mat();
            int count = 0;
            while (capture.Read(picture) && !picture.Empty())
                count++;
            return count;
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }

    /// <summary>
    /// Each timestamp's distance from <paramref name="first"/> (the keyframe the run starts with, which is shown
    /// first), sorted: 0, 3600, 7200, ... when every access unit has its own presentation slot, whatever the B-frame order.
    /// </summary>
    public static List<long> PresentationOffsets(IEnumerable<uint> timestamps, uint first) =>
        [.. timestamps.Select(t => (long)unchecked((int)(t - first))).Order()];

    public static bool IsStapA(RtpPacket packet) => packet.Payload.Length > 0 && (packet.Payload.Span[0] & 0x1F) == H264Packetizer.StapAType;
}
