using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Rtsp.Server.Pacing;

namespace Rtsp.Server.Benchmarks;

/// <summary>
/// `pacer --seconds N`: the departure error (actual - scheduled, per frame) and the drift over the run of
/// (a) the server's FramePacer and (b) a naive loop that sleeps 40 ms after each frame, both sending a
/// 25 fps stream of 11-packet frames to a loopback UDP sink at the same time, so both see the same machine.
/// </summary>
public static class PacerBenchmark
{
    private const double Fps = 25;
    private const int PacketsPerFrame = 11;
    private const int PacketSize = 1400;

    public static Command Create()
    {
        var seconds = new Option<int>("--seconds") { Description = "length of the run", DefaultValueFactory = _ => 30 };
        var command = new Command("pacer", "FramePacer vs Thread.Sleep(40): departure error p50/p99/max and drift") { seconds };
        command.SetAction(parse => Run(parse.GetValue(seconds)));
        return command;
    }

    private static int Run(int seconds)
    {
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = sink.LocalEndPoint!;
        using var drain = new CancellationTokenSource();
        var drainer = Task.Run(() => Drain(sink, drain.Token));
        int frames = (int)(seconds * Fps);
        long period = (long)(Stopwatch.Frequency / Fps);

        Console.WriteLine($"pacer benchmark: {seconds} s at {Fps} fps, {PacketsPerFrame} x {PacketSize} B UDP packets a frame to loopback, both loops at once");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        using var pacer = new FramePacer();
        var paced = new RecordingStream(target, period, frames);
        long start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
        paced.Start = start;
        using var registration = pacer.Schedule(paced, start);
        long[]? naiveErrors = null;
        var naive = new Thread(() => naiveErrors = NaiveLoop(target, start, frames)) { IsBackground = true, Name = "naive-sleep" };
        naive.Start();
        naive.Join();
        SpinWait.SpinUntil(() => paced.Done, TimeSpan.FromSeconds(seconds + 10));
        drain.Cancel();
        sink.Dispose();
        drainer.Wait(TimeSpan.FromSeconds(2));

        Console.WriteLine($"{"loop",-32} {"frames",7} {"p50 us",9} {"p99 us",9} {"max us",9} {"drift ms",9}");
        Print("FramePacer (sleep, then spin)", paced.Errors);
        Print("Thread.Sleep(40) after a frame", naiveErrors!);
        return 0;
    }

    private static void Print(string name, long[] errors)
    {
        var micros = errors.Select(e => e * 1_000_000.0 / Stopwatch.Frequency).ToArray();
        var sorted = micros.Order().ToArray();
        double drift = (micros[^1] - micros[0]) / 1000.0;
        Console.WriteLine($"{name,-32} {micros.Length,7} {sorted[sorted.Length / 2],9:0.0} {sorted[(int)(sorted.Length * 0.99)],9:0} {sorted[^1],9:0} {drift,9:0.0}");
    }

    /// <summary>The naive loop: send a frame, Thread.Sleep(40), repeat. Its error grows by the sleep's overshoot each frame.</summary>
    private static long[] NaiveLoop(EndPoint target, long start, int frames)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var packet = new byte[PacketSize];
        var errors = new long[frames];
        long period = (long)(Stopwatch.Frequency / Fps);
        while (Stopwatch.GetTimestamp() < start)
            Thread.Sleep(1);
        for (int n = 0; n < frames; n++)
        {
            errors[n] = Stopwatch.GetTimestamp() - (start + n * period);
            for (int p = 0; p < PacketsPerFrame; p++)
                socket.SendTo(packet, target);
            Thread.Sleep(40);
        }
        return errors;
    }

    private static void Drain(Socket sink, CancellationToken stop)
    {
        var buffer = new byte[2048];
        sink.ReceiveTimeout = 200;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                sink.Receive(buffer);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    /// <summary>A paced stream on the absolute grid that sends a frame and records its departure error.</summary>
    private sealed class RecordingStream(EndPoint target, long period, int frames) : IPacedStream
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly byte[] _packet = new byte[PacketSize];
        private int _sent;

        public long Start { get; set; }

        public long[] Errors { get; } = new long[frames];

        public bool Done => Volatile.Read(ref _sent) >= frames;

        public PacedStep OnDeadline(long scheduled, long now)
        {
            Errors[_sent] = now - scheduled;
            for (int p = 0; p < PacketsPerFrame; p++)
                _socket.SendTo(_packet, target);
            int sent = Interlocked.Increment(ref _sent);
            if (sent >= frames)
            {
                _socket.Dispose();
                return PacedStep.Stop;
            }
            return PacedStep.Frame(Start + sent * period);
        }
    }
}
