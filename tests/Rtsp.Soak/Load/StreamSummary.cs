namespace Rtsp.Soak.Load;

/// <summary>How one streaming session fared over the run, taken just before its TEARDOWN.</summary>
public sealed record StreamSummary(int Index, bool Udp, long Packets, long Lost, long SequenceRestarts,
    TimeSpan Streamed, TimeSpan LongestSilence, TimeSpan SilentAtEnd, IReadOnlyList<string> Problems)
{
    /// <summary>A live stream that has sent nothing for this long at the end has stopped (25 fps: 40 ms a frame).</summary>
    public static readonly TimeSpan StoppedAfter = TimeSpan.FromSeconds(3);

    public double PacketsPerSecond => Streamed.TotalSeconds > 0 ? Packets / Streamed.TotalSeconds : 0;

    public static StreamSummary Of(StreamingSession stream, TimeSpan silentAtEnd) => new(stream.Index, stream.Udp, stream.Packets, stream.Lost,
        stream.SequenceRestarts, stream.Streamed, stream.LongestSilence, silentAtEnd, stream.Problems);

    /// <summary>Why this stream counts against the server, if it does.</summary>
    public IEnumerable<string> Failures()
    {
        string name = $"stream {Index} ({(Udp ? "UDP" : "TCP")})";
        if (Lost > 0)
            yield return $"{name} lost {Lost} of {Packets + Lost} packets";
        if (SequenceRestarts > 0)
            yield return $"{name}: its sequence numbers jumped {SequenceRestarts} time(s)";
        if (SilentAtEnd > StoppedAfter)
            yield return $"{name} stopped: no packet for {(SilentAtEnd == TimeSpan.MaxValue ? "the whole run" : $"{SilentAtEnd.TotalSeconds:0.0} s")} at the end";
        foreach (var problem in Problems)
            yield return $"{name}: {problem}";
    }
}
