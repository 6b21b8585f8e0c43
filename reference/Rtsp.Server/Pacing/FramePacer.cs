using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Rtsp.Server.Pacing;

/// <summary>
/// The one scheduler thread that makes every playing session's frames leave on time. Each stream asks to be
/// called at absolute deadlines (start + n x period, computed by the stream from its own start, so errors never
/// accumulate into drift); the pacer keeps them in one priority queue, sleeps until just before the earliest
/// (<see cref="SpinMargin"/>), then spins on Stopwatch to the exact tick. Measured on this machine kind
/// (STACK.md): sleep to deadline - 1 ms then spin gives p99 departure error ~20-70 us where a sleep alone gives
/// ~800 us. No thread per session: hundreds of sessions share this one.
/// </summary>
public sealed class FramePacer : IDisposable
{
    /// <summary>How long before a deadline the pacer stops sleeping and spins.</summary>
    public static readonly long SpinMargin = Stopwatch.Frequency / 1000;

    private readonly PriorityQueue<PacerRegistration, long> _queue = new();
    private readonly ConcurrentQueue<(PacerRegistration Registration, long Deadline)> _incoming = new();
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 1);
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _active;

    public FramePacer(ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _thread = new Thread(Run) { IsBackground = true, Name = "frame-pacer", Priority = ThreadPriority.Highest };
        _thread.Start();
    }

    /// <summary>Departure error of every frame-starting deadline the pacer served.</summary>
    public DepartureStatistics Statistics { get; } = new();

    /// <summary>Streams currently scheduled.</summary>
    public int ActiveStreams => Volatile.Read(ref _active);

    internal bool IsPacerThread => Thread.CurrentThread == _thread;

    /// <summary>
    /// Calls <paramref name="stream"/> at <paramref name="firstDeadline"/> (Stopwatch ticks) and then wherever it
    /// asks. Dispose the registration to stop; after Dispose returns, the stream is not being called and never
    /// will be again.
    /// </summary>
    public PacerRegistration Schedule(IPacedStream stream, long firstDeadline)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ObjectDisposedException.ThrowIf(_stopping, this);
        var registration = new PacerRegistration(this, stream);
        Interlocked.Increment(ref _active);
        _incoming.Enqueue((registration, firstDeadline));
        _wake.Set();
        return registration;
    }

    public void Dispose()
    {
        if (_stopping)
            return;
        _stopping = true;
        _wake.Set();
        if (!IsPacerThread)
            _thread.Join(TimeSpan.FromSeconds(5));
        _wake.Dispose();
    }

    internal void Released() => Interlocked.Decrement(ref _active);

    private void Run()
    {
        if (!TimerSlack.MinimiseForCurrentThread())
            _logger.LogDebug("prctl(PR_SET_TIMERSLACK) unavailable: sleeps keep the kernel's default slack");
        WarmUp();
        while (!_stopping)
        {
            while (_incoming.TryDequeue(out var added))
                _queue.Enqueue(added.Registration, added.Deadline);
            if (!_queue.TryPeek(out var next, out long deadline))
            {
                WaitForWork(TimeSpan.FromMilliseconds(100));
                continue;
            }
            if (next.IsCancelled)
            {
                _queue.Dequeue();
                continue;
            }
            long remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining > SpinMargin)
            {
                // Whole milliseconds (Sleep and waits truncate): wake 1-2 ms early, spin the rest. A new stream
                // wakes us sooner, since it may be due before the current earliest.
                WaitForWork(TimeSpan.FromMilliseconds(Math.Max(1, (remaining - SpinMargin) * 1000 / Stopwatch.Frequency)));
                continue;
            }
            _queue.Dequeue();
            long now = SpinUntil(deadline);
            Serve(next, deadline, now);
        }
        while (_queue.TryDequeue(out var left, out _))
            left.Cancel();
        while (_incoming.TryDequeue(out var late))
            late.Registration.Cancel();
    }

    private void Serve(PacerRegistration registration, long deadline, long now)
    {
        PacedStep step;
        lock (registration.CallGate)
        {
            if (registration.IsCancelled)
                return;
            if (registration.NextStartsFrame)
                Statistics.Record(now - deadline);
            try
            {
                step = registration.Stream.OnDeadline(deadline, now);
            }
            catch (Exception ex)
            {
                // One broken session must not stop the pacer for all the others.
                _logger.LogError(ex, "paced stream failed; removing it");
                step = PacedStep.Stop;
            }
            if (step.IsStop)
            {
                registration.Cancel();
                return;
            }
            registration.NextStartsFrame = step.StartsFrame;
        }
        _queue.Enqueue(registration, step.Deadline);
    }

    private void WaitForWork(TimeSpan timeout)
    {
        _wake.Wait(timeout);
        _wake.Reset();
    }

    /// <summary>The spin, in its own method compiled fully optimised up front (an inline hot loop gets
    /// on-stack-replaced mid-run, a one-off ~20 ms stall measured in STACK.md).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static long SpinUntil(long deadline)
    {
        long now = Stopwatch.GetTimestamp();
        while (now < deadline)
        {
            Thread.SpinWait(8);
            now = Stopwatch.GetTimestamp();
        }
        return now;
    }

    /// <summary>The first sleeps and spins of a fresh thread are slow (JIT, page faults): do them before any stream.</summary>
    private static void WarmUp()
    {
        for (int i = 0; i < 5; i++)
        {
            Thread.Sleep(1);
            SpinUntil(Stopwatch.GetTimestamp() + Stopwatch.Frequency / 5000);
        }
    }
}

/// <summary>A stream's place in the <see cref="FramePacer"/>; Dispose removes it synchronously.</summary>
public sealed class PacerRegistration : IDisposable
{
    private readonly FramePacer _pacer;
    private int _cancelled;

    internal PacerRegistration(FramePacer pacer, IPacedStream stream)
    {
        _pacer = pacer;
        Stream = stream;
    }

    internal IPacedStream Stream { get; }

    /// <summary>Held by the pacer while it calls the stream: Dispose takes it to wait out a call in progress.</summary>
    internal object CallGate { get; } = new();

    internal bool NextStartsFrame { get; set; } = true;

    public bool IsCancelled => Volatile.Read(ref _cancelled) != 0;

    /// <summary>Stops the calls; returns once no call is in progress (immediately when called from the stream itself).</summary>
    public void Dispose()
    {
        Cancel();
        lock (CallGate)
        {
        }
    }

    internal void Cancel()
    {
        if (Interlocked.Exchange(ref _cancelled, 1) == 0)
            _pacer.Released();
    }
}
