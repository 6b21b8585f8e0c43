using Rtsp.Soak.Sampling;

namespace Rtsp.Soak.Tests.Verdict;

/// <summary>Builds soak series in memory: 5 warm-up, 10 drain, 4 baseline, 60 cycling, 10 drain and 4 end samples,
/// one a second, each resource given as a function of the sample's phase and index (for noise and leaks).</summary>
internal static class SyntheticSeries
{
    public delegate double Value(SoakPhase phase, int index);

    /// <summary><paramref name="extraFiles"/>: descriptors of named files open at a sample, on top of <paramref name="fds"/>.</summary>
    public static List<ResourceSample> Build(Value fds, Value udp, Value threads, Value rssMiB, int baseline = 4, int cycling = 60, int end = 4,
        Func<SoakPhase, int, Dictionary<string, int>>? extraFiles = null)
    {
        var phases = new List<SoakPhase>();
        phases.AddRange(Enumerable.Repeat(SoakPhase.WarmUp, 5));
        phases.AddRange(Enumerable.Repeat(SoakPhase.DrainBeforeBaseline, 10));
        phases.AddRange(Enumerable.Repeat(SoakPhase.Baseline, baseline));
        phases.AddRange(Enumerable.Repeat(SoakPhase.Cycles, cycling));
        phases.AddRange(Enumerable.Repeat(SoakPhase.DrainBeforeEnd, 10));
        phases.AddRange(Enumerable.Repeat(SoakPhase.End, end));
        return [.. phases.Select((phase, i) =>
        {
            var kinds = extraFiles?.Invoke(phase, i) ?? [];
            int files = kinds.Values.Sum();
            kinds["TCP socket"] = (int)fds(phase, i) - (int)udp(phase, i);
            kinds["UDP socket"] = (int)udp(phase, i);
            return new ResourceSample(
                TimeSpan.FromSeconds(i), phase, (long)(rssMiB(phase, i) * 1024), (int)fds(phase, i) + files, (int)threads(phase, i), (int)udp(phase, i),
                kinds, CyclesDone: i * 100, StreamPackets: i * 11_000, StreamLost: 0, ServerSessions: 50);
        })];
    }

    /// <summary>Deterministic noise in [-amplitude, +amplitude].</summary>
    public static double Noise(int index, double amplitude) => amplitude * Math.Sin(index * 12.9898);

    /// <summary>Busy while cycling (sockets of the sessions in flight), flat when quiet.</summary>
    public static double Busy(SoakPhase phase, double quiet, double extraWhileCycling) =>
        phase is SoakPhase.WarmUp or SoakPhase.Cycles ? quiet + extraWhileCycling : quiet;
}
