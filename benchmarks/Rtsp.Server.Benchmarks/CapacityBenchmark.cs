using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtp;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Benchmarks;

/// <summary>
/// `capacity`: the largest number of 640x480 25 fps UDP sessions the real server process holds with no packet
/// lost and every session at >= 24.5 fps. Steps up (50, 100, 200, 300, ...) until a step fails or the time
/// budget is spent. Every session plays the 10 s sample from 0; frames and losses are counted from 1 s to 9 s.
/// All sessions send to one client UDP port (sessions are told apart by SSRC), read by one thread with a large
/// receive buffer, so the client side is not what gives up first.
/// </summary>
public static class CapacityBenchmark
{
    private static readonly TimeSpan WindowStart = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WindowEnd = TimeSpan.FromSeconds(9);

    public static Command Create()
    {
        var steps = new Option<string>("--steps") { Description = "session counts to try, in order", DefaultValueFactory = _ => "50,100,200,300,400,500,600,800" };
        var budget = new Option<int>("--budget") { Description = "seconds after which no further step starts", DefaultValueFactory = _ => 150 };
        var command = new Command("capacity", "largest number of 640x480 25 fps UDP sessions with no loss and >= 24.5 fps each") { steps, budget };
        command.SetAction(async (parse, cancel) =>
        {
            var counts = parse.GetValue(steps)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
            return await Run(counts, TimeSpan.FromSeconds(parse.GetValue(budget)), cancel);
        });
        return command;
    }

    private static async Task<int> Run(List<int> counts, TimeSpan budget, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        int best = 0;
        Console.WriteLine($"capacity benchmark: sample.mjpeg (640x480, 25 fps), UDP, measured from {WindowStart.TotalSeconds} s to {WindowEnd.TotalSeconds} s of each step");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{"sessions",8} {"lost",8} {"min fps",8} {"mean fps",8} {"server CPU",10}  verdict");
        foreach (int sessions in counts)
        {
            if (clock.Elapsed > budget || cancel.IsCancellationRequested)
            {
                Console.WriteLine($"time budget of {budget.TotalSeconds:0} s spent: stopping");
                break;
            }
            var step = await RunStep(sessions, cancel);
            bool held = step.Lost == 0 && step.MinFps >= 24.5 && step.Sessions == sessions;
            Console.WriteLine($"{sessions,8} {step.Lost,8} {step.MinFps,8:0.00} {step.MeanFps,8:0.00} {step.CpuPercent,9:0}%  {(held ? "held" : "NOT held")}{step.Note}");
            if (!held)
                break;
            best = sessions;
        }
        Console.WriteLine($"largest held: {best} sessions (no loss, every session >= 24.5 fps)");
        return 0;
    }

    private sealed record StepResult(int Sessions, long Lost, double MinFps, double MeanFps, double CpuPercent, string Note);

    private static async Task<StepResult> RunStep(int sessions, CancellationToken cancel)
    {
        using var receiver = new KernelStampedReceiver(256 << 20);
        int port = receiver.BindEvenPair(out var rtcp);
        using var rtcpSocket = rtcp;
        // Every session is set up over one connection, back to back: lift the per-connection limits above the step.
        string room = (sessions + 10).ToString(CultureInfo.InvariantCulture);
        var server = await BenchmarkServer.StartAsync("--max-sessions", room, "--max-sessions-per-connection", room,
            "--max-rtp-ports-per-connection", (2 * (sessions + 10)).ToString(CultureInfo.InvariantCulture),
            "--max-requests-per-second", (4 * (sessions + 10)).ToString(CultureInfo.InvariantCulture));
        try
        {
            using var rtsp = new TcpClient();
            await rtsp.ConnectAsync(IPAddress.Loopback, server.Port, cancel);
            var stream = rtsp.GetStream();
            var parser = new InterleavedDemultiplexer();
            var ids = new List<string>();
            int cseq = 0;
            for (int i = 0; i < sessions; i++)
            {
                var setup = await RtspRequests.SendAsync(stream, parser, "SETUP", server.Url + "sample.mjpeg/stream=0", ++cseq, ("Transport", $"RTP/AVP;unicast;client_port={port}-{port + 1}"));
                if (setup.StatusCode != 200)
                    return new StepResult(i, 0, 0, 0, 0, $" (SETUP {i + 1} answered {setup.StatusCode})");
                ids.Add(SessionHeader.Parse(setup.Headers.Get("Session")!).Id);
            }
            var tracker = new SsrcTracker();
            using var stop = new CancellationTokenSource();
            var reading = Task.Factory.StartNew(() => tracker.Read(receiver, stop.Token), TaskCreationOptions.LongRunning);
            long firstPlay = Stopwatch.GetTimestamp();
            foreach (var id in ids)
                await RtspRequests.SendAsync(stream, parser, "PLAY", server.Url + "sample.mjpeg/", ++cseq, ("Session", id), ("Range", "npt=0-"));
            double cpuBefore = server.CpuSeconds();
            await Task.Delay(WindowEnd - WindowStart + TimeSpan.FromSeconds(1.5), cancel);
            double cpu = (server.CpuSeconds() - cpuBefore) / (WindowEnd - WindowStart + TimeSpan.FromSeconds(1.5)).TotalSeconds * 100;
            await stop.CancelAsync();
            await reading;
            var perSession = tracker.Summaries(WindowStart, WindowEnd);
            string note = perSession.Count == sessions ? "" : $" ({perSession.Count} of {sessions} SSRCs seen)";
            return new StepResult(perSession.Count, perSession.Sum(s => s.Lost),
                perSession.Count == 0 ? 0 : perSession.Min(s => s.Fps), perSession.Count == 0 ? 0 : perSession.Average(s => s.Fps), cpu, note);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Counts, per SSRC, packets lost (sequence gaps) and frames (marker bits) by arrival time.</summary>
    private sealed class SsrcTracker
    {
        private readonly Dictionary<uint, Stream> _streams = [];
        private long _origin;

        public void Read(KernelStampedReceiver socket, CancellationToken stop)
        {
            var buffer = new byte[2048];
            _origin = Stopwatch.GetTimestamp();
            while (!stop.IsCancellationRequested)
            {
                int read = socket.Receive(buffer, out _);
                if (read < 0)
                    return;
                if (read < 12 || buffer[0] >> 6 != 2)
                    continue;
                uint ssrc = (uint)(buffer[8] << 24 | buffer[9] << 16 | buffer[10] << 8 | buffer[11]);
                ushort seq = (ushort)(buffer[2] << 8 | buffer[3]);
                bool marker = (buffer[1] & 0x80) != 0;
                if (!_streams.TryGetValue(ssrc, out var s))
                    _streams[ssrc] = s = new Stream();
                s.Add(seq, marker, Stopwatch.GetTimestamp() - _origin);
            }
        }

        public List<(long Lost, double Fps)> Summaries(TimeSpan from, TimeSpan to) =>
            [.. _streams.Values.Select(s => s.Summary(from, to))];

        private sealed class Stream
        {
            private readonly List<long> _markers = [];
            private readonly List<(long Arrival, long Lost)> _losses = [];
            private ushort? _last;
            private long _first = -1;

            public void Add(ushort seq, bool marker, long arrival)
            {
                if (_first < 0)
                    _first = arrival;
                if (_last is ushort last && RtpSequence.Difference(seq, last) != 1)
                    _losses.Add((arrival, Math.Max(1, RtpSequence.Difference(seq, last) - 1)));
                _last = seq;
                if (marker)
                    _markers.Add(arrival);
            }

            public (long Lost, double Fps) Summary(TimeSpan from, TimeSpan to)
            {
                // The window is relative to this session's first packet (sessions start one after another).
                long a = _first + (long)(from.TotalSeconds * Stopwatch.Frequency), b = _first + (long)(to.TotalSeconds * Stopwatch.Frequency);
                long lost = _losses.Where(l => l.Arrival >= a && l.Arrival < b).Sum(l => l.Lost);
                int frames = _markers.Count(m => m >= a && m < b);
                return (lost, frames / (to - from).TotalSeconds);
            }
        }
    }
}
