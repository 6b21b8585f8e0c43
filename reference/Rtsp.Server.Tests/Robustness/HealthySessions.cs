using System.Diagnostics;
using System.Globalization;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>Where every healthy session stood at the start of a test.</summary>
public sealed record HealthMark(int[] Counts, long At);

/// <summary>What the healthy sessions went through since a mark; <see cref="Problems"/> empty = unharmed.</summary>
public sealed record HealthReport(
    int Sessions, long Packets, long Lost, long OutOfOrder, long Frames, long SkippedFrames, long ExpectedFrames,
    double WorstGapMs, double WorstStallMs, IReadOnlyList<string> Problems)
{
    public override string ToString() => FormattableString.Invariant(
        $"healthy sessions: {Sessions}, packets {Packets}, lost {Lost}, out of order {OutOfOrder}, frames {Frames} (skipped by timestamp {SkippedFrames}, wall-clock expectation {ExpectedFrames}), worst gap between frames {WorstGapMs:0.0} ms, silence at the end {WorstStallMs:0.0} ms{(Problems.Count == 0 ? "" : "; PROBLEMS: " + string.Join("; ", Problems))}");
}

/// <summary>
/// Sessions that play a stored clip on their own connections (half over UDP, half interleaved in TCP) while the
/// robustness tests attack the same server. Each test takes a <see cref="Mark"/> first and ends with
/// <see cref="Check"/>: no packet lost or reordered (RTP sequence continuity), no frame skipped (RTP timestamps advance
/// one frame period at a time), about as many frames as the wall clock allows, and no gap between frames
/// or silence at the end beyond <see cref="MaxGapMs"/> (a generous bound for 2 loaded cores; the figure is printed).
/// Keep-alives (GET_PARAMETER) every 10 s hold the sessions past the server's session and idle timeouts.
/// </summary>
public sealed class HealthySessions : IAsyncDisposable
{
    public const double FrameRate = 25;

    /// <summary>Largest tolerated gap between two frames at 25 fps (40 ms nominal).</summary>
    public const double MaxGapMs = 500;

    private const uint TimestampsPerFrame = (uint)(90000 / FrameRate);

    private readonly List<WatchedSession> _sessions;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keepAlive;
    private string? _keepAliveFailure;

    private HealthySessions(List<WatchedSession> sessions)
    {
        _sessions = sessions;
        StartMark = Mark();
        _keepAlive = Task.Run(KeepAliveLoop);
    }

    public IReadOnlyList<WatchedSession> Sessions => _sessions;

    /// <summary>The mark taken once every session was streaming: checking from it covers the whole run.</summary>
    public HealthMark StartMark { get; }

    /// <summary>Opens <paramref name="udp"/> + <paramref name="tcp"/> sessions on separate connections and waits until each has media.</summary>
    public static async Task<HealthySessions> OpenAsync(int serverPort, string url, int udp = 10, int tcp = 10)
    {
        var sessions = new List<WatchedSession>();
        try
        {
            for (int i = 0; i < udp + tcp; i++)
                sessions.Add(await Task.Run(() => WatchedSession.Open(serverPort, url, overTcp: i >= udp)));
            var watch = Stopwatch.StartNew();
            while (sessions.Any(s => s.Count < 10))
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(15))
                    throw new TimeoutException("healthy sessions did not start streaming within 15 s");
                await Task.Delay(50);
            }
            return new HealthySessions(sessions);
        }
        catch
        {
            foreach (var session in sessions)
                session.Dispose();
            throw;
        }
    }

    public HealthMark Mark() => new([.. _sessions.Select(s => s.Count)], Stopwatch.GetTimestamp());

    public HealthReport Check(HealthMark mark)
    {
        long now = Stopwatch.GetTimestamp();
        double windowMs = Ms(now - mark.At);
        var problems = new List<string>();
        long packets = 0, lost = 0, outOfOrder = 0, frames = 0, skipped = 0, expected = 0;
        double worstGap = 0, worstStall = 0;
        if (_keepAliveFailure is { } keepAlive)
            problems.Add("keep-alive failed: " + keepAlive);
        for (int s = 0; s < _sessions.Count; s++)
        {
            var session = _sessions[s];
            string name = $"session {s} ({(session.OverTcp ? "TCP" : "UDP")})";
            if (session.Failure is { } failure)
                problems.Add($"{name}: {failure}");
            // Start one packet before the mark so a loss right at the mark is seen.
            var window = session.Since(Math.Max(0, mark.Counts[s] - 1));
            packets += window.Count - (mark.Counts[s] > 0 ? 1 : 0);
            if (window.Count == 0)
            {
                problems.Add($"{name}: no packet at all");
                continue;
            }
            long sessionLost = 0, sessionFrames = 0, sessionSkipped = 0;
            long lastFrameArrival = window[0].Arrival;
            for (int i = 1; i < window.Count; i++)
            {
                int step = RtpSequence.Difference(window[i].Seq, window[i - 1].Seq);
                if (step > 1)
                    sessionLost += step - 1;
                else if (step < 1)
                    outOfOrder++;
                if (window[i].Timestamp != window[i - 1].Timestamp)
                {
                    sessionFrames++;
                    uint advance = unchecked(window[i].Timestamp - window[i - 1].Timestamp);
                    if (advance > TimestampsPerFrame * 3 / 2)
                        sessionSkipped += (long)Math.Round(advance / (double)TimestampsPerFrame) - 1;
                    worstGap = Math.Max(worstGap, Ms(window[i].Arrival - lastFrameArrival));
                    lastFrameArrival = window[i].Arrival;
                }
            }
            double stall = Ms(now - window[^1].Arrival);
            worstStall = Math.Max(worstStall, stall);
            lost += sessionLost;
            frames += sessionFrames;
            skipped += sessionSkipped;
            long sessionExpected = (long)(windowMs / 1000 * FrameRate);
            expected += sessionExpected;
            if (sessionLost > 0)
                problems.Add($"{name}: {sessionLost} packets lost");
            if (sessionSkipped > 0)
                problems.Add($"{name}: {sessionSkipped} frames skipped");
            if (stall > MaxGapMs)
                problems.Add($"{name}: silent for the last {stall:0} ms");
            // Generous: a fifth of the frames may be late at the window's edges on loaded cores, never more.
            if (sessionFrames < sessionExpected * 0.8 - 3)
                problems.Add($"{name}: {sessionFrames} frames in {windowMs:0} ms, expected about {sessionExpected}");
        }
        if (outOfOrder > 0)
            problems.Add($"{outOfOrder} packets out of order or duplicated");
        if (worstGap > MaxGapMs)
            problems.Add($"a gap of {worstGap:0} ms between frames (bound {MaxGapMs} ms)");
        return new HealthReport(_sessions.Count, packets, lost, outOfOrder, frames, skipped, expected, worstGap, worstStall, problems);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keepAlive.WaitAsync(TimeSpan.FromSeconds(15)).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var session in _sessions)
        {
            try
            {
                session.Request("TEARDOWN", "*", ("Session", session.Id));
            }
            catch (Exception ex) when (ex is TimeoutException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
            }
            session.Dispose();
        }
        _stop.Dispose();
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private async Task KeepAliveLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            foreach (var session in _sessions)
            {
                try
                {
                    if (!session.KeepAlive())
                        _keepAliveFailure ??= $"session {session.Id}: GET_PARAMETER refused";
                }
                catch (Exception ex) when (ex is TimeoutException or System.Net.Sockets.SocketException or ObjectDisposedException)
                {
                    _keepAliveFailure ??= $"session {session.Id}: {ex.Message}";
                }
            }
        }
    }
}
