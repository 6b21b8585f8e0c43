using System.Collections.Concurrent;
using System.Diagnostics;
using Rtsp.Server.Pacing;

namespace Rtsp.Server.Tests.Unit;

public class FramePacerTests
{
    /// <summary>A stream on a fixed grid that records when it was called.</summary>
    private sealed class GridStream(long start, long period, int frames) : IPacedStream
    {
        public ConcurrentQueue<(long Scheduled, long Now)> Calls { get; } = new();

        public PacedStep OnDeadline(long scheduled, long now)
        {
            Calls.Enqueue((scheduled, now));
            int next = Calls.Count;
            return next >= frames ? PacedStep.Stop : PacedStep.Frame(start + next * period);
        }
    }

    [Test]
    public void Serves_every_deadline_of_several_streams_on_their_absolute_grid()
    {
        using var pacer = new FramePacer();
        long period = Stopwatch.Frequency / 100;
        long start = Stopwatch.GetTimestamp() + period;
        var streams = Enumerable.Range(0, 5).Select(i => new GridStream(start + i * period / 5, period, 30)).ToList();
        var registrations = streams.Select((s, i) => pacer.Schedule(s, start + i * period / 5)).ToList();

        SpinWait.SpinUntil(() => streams.All(s => s.Calls.Count == 30), TimeSpan.FromSeconds(10)).Should().BeTrue();
        foreach (var (stream, i) in streams.Select((s, i) => (s, i)))
        {
            var calls = stream.Calls.ToList();
            calls.Select(c => c.Scheduled).Should().Equal(Enumerable.Range(0, 30).Select(k => start + i * period / 5 + k * period));
            calls.Should().OnlyContain(c => c.Now >= c.Scheduled, "the pacer never runs a stream early");
        }
        pacer.Statistics.Snapshot().Frames.Should().Be(150);
        SpinWait.SpinUntil(() => pacer.ActiveStreams == 0, TimeSpan.FromSeconds(2)).Should().BeTrue();
        registrations.ForEach(r => r.Dispose());
    }

    [Test]
    public void Dispose_of_a_registration_stops_the_calls_at_once()
    {
        using var pacer = new FramePacer();
        long period = Stopwatch.Frequency / 200;
        var stream = new GridStream(Stopwatch.GetTimestamp(), period, int.MaxValue);
        var registration = pacer.Schedule(stream, Stopwatch.GetTimestamp());
        SpinWait.SpinUntil(() => stream.Calls.Count >= 5, TimeSpan.FromSeconds(5)).Should().BeTrue();
        registration.Dispose();
        int calls = stream.Calls.Count;
        Thread.Sleep(100);
        stream.Calls.Count.Should().Be(calls);
        pacer.ActiveStreams.Should().Be(0);
    }

    [Test]
    public void A_failing_stream_is_removed_and_the_others_go_on()
    {
        using var pacer = new FramePacer();
        long period = Stopwatch.Frequency / 100;
        long start = Stopwatch.GetTimestamp();
        var good = new GridStream(start, period, 20);
        pacer.Schedule(new ThrowingStream(), start);
        pacer.Schedule(good, start);
        SpinWait.SpinUntil(() => good.Calls.Count == 20, TimeSpan.FromSeconds(5)).Should().BeTrue();
    }

    private sealed class ThrowingStream : IPacedStream
    {
        public PacedStep OnDeadline(long scheduled, long now) => throw new InvalidOperationException("broken on purpose");
    }
}
