using System.Diagnostics;
using Rtsp.Soak.Target;

namespace Rtsp.Soak.Sampling;

/// <summary>
/// Takes a <see cref="ResourceSample"/> of the server every second on its own loop until stopped, tagging each
/// with the phase the run is in and the counters the run exposes. If the process disappears the loop ends and
/// <see cref="ProcessGone"/> says when.
/// </summary>
public sealed class ResourceSampler(ProcessResources process, SessionCounter sessions, Func<(long Cycles, long Packets, long Lost)> counters)
{
    private readonly List<ResourceSample> _series = [];
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private volatile SoakPhase _phase = SoakPhase.WarmUp;

    public event Action<ResourceSample>? Sampled;

    public SoakPhase Phase { get => _phase; set => _phase = value; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public string? ProcessGone { get; private set; }

    public IReadOnlyList<ResourceSample> Series { get { lock (_gate) return [.. _series]; } }

    public int CountIn(SoakPhase phase) { lock (_gate) return _series.Count(s => s.Phase == phase); }

    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            // /proc first, then the session query: the query's own request is never in flight while /proc is read.
            var phase = _phase;
            var elapsed = _clock.Elapsed;
            ProcessReading resources;
            try
            {
                resources = process.Read();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ProcessGone = $"the server process {process.Pid} disappeared at {elapsed.TotalSeconds:0} s ({e.Message})";
                return;
            }
            int? held;
            try
            {
                held = await sessions.CountAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var (cycles, packets, lost) = counters();
            var sample = new ResourceSample(elapsed, phase, resources.RssKiB, resources.FileDescriptors, resources.Threads, resources.UdpSockets, resources.FileDescriptorKinds, cycles, packets, lost, held);
            lock (_gate)
                _series.Add(sample);
            Sampled?.Invoke(sample);
        }
        while (await WaitAsync(timer, stop));
    }

    /// <summary>Waits until <paramref name="count"/> samples of <paramref name="phase"/> were taken, or the time is up.</summary>
    public async Task WaitForSamplesAsync(SoakPhase phase, int count, TimeSpan timeout, CancellationToken cancel)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (CountIn(phase) < count && Stopwatch.GetTimestamp() < deadline && ProcessGone is null)
            await Task.Delay(100, cancel);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
