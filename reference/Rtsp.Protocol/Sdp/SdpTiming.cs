using System.Globalization;

namespace Rtsp.Protocol.Sdp;

/// <summary>
/// A <c>t=</c> line and the <c>r=</c> lines after it (RFC 8866 §5.9, §5.10). Start and stop are NTP seconds;
/// <c>t=0 0</c> (the RTSP norm) means a permanent session. Repeat lines are kept as written.
/// </summary>
public sealed class SdpTiming
{
    public SdpTiming() { }

    public SdpTiming(ulong startTime, ulong stopTime)
    {
        StartTime = startTime;
        StopTime = stopTime;
    }

    public ulong StartTime { get; set; }

    public ulong StopTime { get; set; }

    public List<string> RepeatTimes { get; set; } = [];

    public override string ToString() =>
        $"{StartTime.ToString(CultureInfo.InvariantCulture)} {StopTime.ToString(CultureInfo.InvariantCulture)}";

    internal static SdpTiming Parse(string value, int line)
    {
        var fields = value.Split(' ');
        if (fields.Length != 2
            || !ulong.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start)
            || !ulong.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong stop))
        {
            throw new SdpFormatException(line, $"t= needs two decimal times <start-time> <stop-time>, e.g. t=0 0; got '{SdpText.Excerpt(value)}'.");
        }
        return new SdpTiming(start, stop);
    }
}
