using System.Diagnostics;

namespace Rtsp.Client.Tests.Hostile;

/// <summary>
/// The peak growth of this process's managed heap while something runs: sampled every 10 ms from a baseline taken
/// after a full collection. A reader that buffers what a hostile server sends shows here even if a GC runs before
/// the end of the test.
/// </summary>
public sealed class MemoryPeak : IDisposable
{
    private readonly long _baseline;
    private readonly Thread _sampler;
    private volatile bool _stopped;
    private long _peak;

    public MemoryPeak()
    {
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _peak = _baseline;
        _sampler = new Thread(Sample) { IsBackground = true, Name = "memory-peak" };
        _sampler.Start();
    }

    /// <summary>Largest heap seen minus the baseline, in bytes.</summary>
    public long GrowthBytes => Math.Max(0, Interlocked.Read(ref _peak) - _baseline);

    public double GrowthMiB => GrowthBytes / (1024.0 * 1024.0);

    private void Sample()
    {
        while (!_stopped)
        {
            var now = GC.GetTotalMemory(forceFullCollection: false);
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }

            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _sampler.Join(TimeSpan.FromSeconds(1));
    }
}
