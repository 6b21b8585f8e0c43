using System.Diagnostics;

namespace Rtsp.Server.Faults;

/// <summary>
/// rtp-flood's departure schedule: for <see cref="HostileCatalog.FloodSeconds"/> after PLAY, frame k leaves at
/// k periods / <see cref="HostileCatalog.FloodFactor"/>; after that at the normal period, counted on from the end
/// of the flood. Absolute offsets from the run's start, as the normal schedule is.
/// </summary>
public static class RtpFloodSchedule
{
    private static readonly long Window = HostileCatalog.FloodSeconds * Stopwatch.Frequency;

    /// <summary>Stopwatch ticks from the run start at which frame <paramref name="k"/> of the run leaves.</summary>
    public static long Offset(long k, double period)
    {
        var floodFrames = FloodFrames(period);
        return k < floodFrames
            ? (long)(k * period / HostileCatalog.FloodFactor)
            : Window + (long)((k - floodFrames) * period);
    }

    /// <summary>True while frame <paramref name="k"/> is still in the flood (stored media then wraps around).</summary>
    public static bool IsFlooding(long k, double period) => k < FloodFrames(period);

    private static long FloodFrames(double period) => (long)(Window * HostileCatalog.FloodFactor / period);
}
