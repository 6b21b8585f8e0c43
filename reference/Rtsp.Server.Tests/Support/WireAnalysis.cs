using System.Diagnostics;
using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Server.Tests.Support;

/// <summary>The measurements the fault tests make on a capture (each fault must move exactly one of them).</summary>
public static class WireAnalysis
{
    /// <summary>Sequence steps between consecutive packets in arrival order (1 = in order).</summary>
    public static List<int> SequenceSteps(IReadOnlyList<CapturedPacket> packets) =>
        [.. packets.Zip(packets.Skip(1)).Select(pair => RtpSequence.Difference(pair.Second.Seq, pair.First.Seq))];

    /// <summary>Timestamp increments between consecutive frames.</summary>
    public static List<long> TimestampSteps(IReadOnlyList<CapturedFrame> frames) =>
        [.. frames.Zip(frames.Skip(1)).Select(pair => (long)unchecked(pair.Second.Timestamp - pair.First.Timestamp))];

    /// <summary>Indices of frames whose fragments do not cover the scan contiguously from offset 0 (RFC 2435 3.1).</summary>
    public static List<int> FragmentDiscontinuities(IReadOnlyList<CapturedFrame> frames)
    {
        var broken = new List<int>();
        for (int i = 0; i < frames.Count; i++)
        {
            int expected = 0;
            foreach (var packet in frames[i].Packets.OrderBy(p => p.Seq, Comparer<ushort>.Create((a, b) => RtpSequence.Difference(a, b))))
            {
                var header = JpegPayloadHeader.Parse(packet.Packet.Payload.Span);
                if (header.FragmentOffset != expected)
                {
                    broken.Add(i);
                    break;
                }
                expected += packet.Packet.Payload.Length - header.DataOffset;
            }
        }
        return broken;
    }

    /// <summary>Each frame's first arrival minus where the 40 ms grid from the first frame puts it, in ms.</summary>
    public static List<double> DepartureOffsetsMs(IReadOnlyList<CapturedFrame> frames, double fps = 25)
    {
        long origin = frames[0].FirstArrival;
        return [.. frames.Select((f, k) => (f.FirstArrival - origin) * 1000.0 / Stopwatch.Frequency - k * 1000.0 / fps)];
    }

    /// <summary>
    /// Wall-clock time per frame over media time per frame (1 = no drift), robust to stalls and catch-ups on a
    /// loaded machine: the Theil-Sen slope (median over every pair of frames at least <paramref name="minSpan"/> apart).
    /// </summary>
    public static double ClockRatio(IReadOnlyList<CapturedFrame> frames, int minSpan = 25, double fps = 25)
    {
        var ratios = new List<double>();
        for (int i = 0; i < frames.Count; i++)
        {
            for (int j = i + minSpan; j < frames.Count; j++)
                ratios.Add((frames[j].FirstArrival - frames[i].FirstArrival) / (double)Stopwatch.Frequency / ((j - i) / fps));
        }
        ratios.Sort();
        return ratios[ratios.Count / 2];
    }

    /// <summary>How much later frame <paramref name="k"/> left than its 10 neighbours did, against the grid (ms).</summary>
    public static double LocalLateness(IReadOnlyList<double> offsetsMs, int k)
    {
        var neighbours = Enumerable.Range(k - 5, 11).Where(i => i != k && i >= 0 && i < offsetsMs.Count).Select(i => offsetsMs[i]).Order().ToList();
        return offsetsMs[k] - neighbours[neighbours.Count / 2];
    }

    /// <summary>Milliseconds between consecutive frames' first packets.</summary>
    public static List<double> FrameIntervalsMs(IReadOnlyList<CapturedFrame> frames) =>
        [.. frames.Zip(frames.Skip(1)).Select(pair => (pair.Second.FirstArrival - pair.First.FirstArrival) * 1000.0 / Stopwatch.Frequency)];
}
