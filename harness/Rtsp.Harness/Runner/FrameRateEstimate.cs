namespace Rtsp.Harness.Runner;

/// <summary>
/// A frame rate read from RTP timestamps, for targets whose SDP has no a=framerate (many cameras): the median step
/// between successive frames' timestamps of one source, in clock units. The median ignores a dropped frame or a seek's
/// jump; timestamps carry the sampling instants (RFC 3550 §5.1), so arrival jitter does not enter.
/// </summary>
public static class FrameRateEstimate
{
    /// <summary>Frame steps needed before a rate is trusted.</summary>
    public const int MinimumSteps = 4;

    /// <returns>Frames per second, or null with too few frames (or only zero or negative steps).</returns>
    public static double? FromTimestamps(IReadOnlyList<MediaPacketEntry> packets, int clockRate)
    {
        if (packets.Count == 0)
        {
            return null;
        }

        var ssrc = packets[0].Ssrc;
        var steps = new List<long>();
        uint? last = null;
        foreach (var packet in packets.Where(p => p.Ssrc == ssrc))
        {
            if (last is { } previous && packet.Timestamp != previous)
            {
                var step = unchecked((int)(packet.Timestamp - previous));
                // Over a second between frames is a seek or a restart, not a frame interval.
                if (step > 0 && step <= clockRate)
                {
                    steps.Add(step);
                }
            }

            last = packet.Timestamp;
        }

        if (steps.Count < MinimumSteps)
        {
            return null;
        }

        steps.Sort();
        var median = steps.Count % 2 == 1 ? steps[steps.Count / 2] : (steps[(steps.Count / 2) - 1] + steps[steps.Count / 2]) / 2.0;
        return Math.Round(clockRate / median, 3);
    }
}
