using System.Diagnostics;
using OpenCvSharp;
using Rtsp.Media.Pattern;
using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Rtcp;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Server.Tests.Support;

/// <summary>One received RTP packet, parsed, with its arrival time in Stopwatch ticks.</summary>
public sealed record CapturedPacket(RtpPacket Packet, long Arrival, byte[] Raw)
{
    public ushort Seq => Packet.SequenceNumber;

    public uint Timestamp => Packet.Timestamp;

    /// <summary>RFC 2435 3.1: the 24-bit fragment offset in the JPEG header.</summary>
    public int FragmentOffset
    {
        get
        {
            var p = Packet.Payload.Span;
            return p[1] << 16 | p[2] << 8 | p[3];
        }
    }
}

/// <summary>A frame as received: the packets sharing one timestamp, in arrival order.</summary>
public sealed record CapturedFrame(uint Timestamp, IReadOnlyList<CapturedPacket> Packets)
{
    public long FirstArrival => Packets[0].Arrival;
}

/// <summary>Reading RTP as the tests need it: raw datagrams -> packets -> frames -> decoded pictures and their numbers.</summary>
public static class RtpCapture
{
    /// <summary>Parses V=2 packets (use <see cref="RawVersions"/> for a stream that breaks the version).</summary>
    public static List<CapturedPacket> Parse(IEnumerable<(byte[] Data, long Arrival)> datagrams) =>
        [.. datagrams.Select(d => RtpPacket.TryParse(d.Data, out var packet, out _) && packet is not null && d.Data.Length > 12
                ? new CapturedPacket(packet, d.Arrival, d.Data) : null)
            .Where(p => p is not null)
            .Select(p => p!)];

    public static IEnumerable<int> RawVersions(IEnumerable<(byte[] Data, long Arrival)> datagrams) =>
        datagrams.Where(d => d.Data.Length >= 12).Select(d => d.Data[0] >> 6);

    /// <summary>Groups consecutive packets with the same timestamp into frames.</summary>
    public static List<CapturedFrame> Frames(IReadOnlyList<CapturedPacket> packets)
    {
        var frames = new List<CapturedFrame>();
        var current = new List<CapturedPacket>();
        foreach (var packet in packets)
        {
            if (current.Count > 0 && packet.Timestamp != current[0].Timestamp)
            {
                frames.Add(new CapturedFrame(current[0].Timestamp, current));
                current = [];
            }
            current.Add(packet);
        }
        if (current.Count > 0)
            frames.Add(new CapturedFrame(current[0].Timestamp, current));
        return frames;
    }

    /// <summary>Depacketizes (the core's RFC 2435 depacketizer) and reads each complete frame's barcode.</summary>
    public static List<uint?> FrameNumbers(IEnumerable<CapturedPacket> packets)
    {
        var depacketizer = new JpegDepacketizer();
        var numbers = new List<uint?>();
        foreach (var p in packets)
        {
            var frame = depacketizer.Push(p.Seq, p.Timestamp, p.Packet.Marker, p.Packet.Payload.Span);
            if (frame is null)
                continue;
            using var image = Cv2.ImDecode(frame.Jpeg, ImreadModes.Color);
            numbers.Add(FrameNumberBarcode.Read(image));
        }
        return numbers;
    }

    /// <summary>RTCP compound packets received that hold a BYE.</summary>
    public static int Goodbyes(RtpReceiver receiver) =>
        receiver.Rtcp.Count(d => RtcpCompoundPacket.TryParse(d.Data, out var packets, out _) && packets!.Any(p => p is RtcpGoodbye));

    public static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
