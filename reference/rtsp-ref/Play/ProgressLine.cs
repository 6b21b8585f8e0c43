using System.Globalization;
using Rtsp.Client.Media;

namespace Rtsp.Ref.Play;

/// <summary>One progress line from a statistics snapshot: frames, fps and bitrate since the previous line, loss,
/// jitter and position.</summary>
public sealed class ProgressLine
{
    private readonly RateMeter _rates = new(TimeSpan.Zero);

    public string Next(ClientStatistics statistics, double? position, double? duration)
    {
        var (fps, bitrate) = _rates.Sample(statistics);
        var where = position is { } p
            ? duration is { } d ? $"  position {p:0.0}/{d:0.0} s" : $"  position {p:0.0} s"
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"frames {statistics.Frames} ({statistics.IncompleteFrames} incomplete)  fps {fps:0.0}  loss {statistics.LossFraction * 100:0.00}% ({Math.Max(0, statistics.LostPackets)} packets)  jitter {statistics.JitterMilliseconds:0.00} ms  bitrate {bitrate / 1e6:0.00} Mbit/s{where}");
    }
}
