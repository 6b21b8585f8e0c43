using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Benchmarks;

/// <summary>
/// `load`: N UDP sessions of a 640x480 25 fps MJPEG file against rtsp-ref and against GStreamer's RTSP server in the
/// same run, each session on its own RTSP connection (as N players would be), all set up, then all played. Per session: packets lost (sequence
/// gaps), frames per second, and each frame's departure error against the session's own 40 ms grid from kernel
/// receive timestamps (SO_TIMESTAMPNS); for the server: CPU from /proc/PID/stat and RSS from /proc/PID/status.
/// A step is held with every session seen, no loss, every session at >= 24.5 fps and (UDP) the pacing p99 under one
/// frame interval (40 ms). The load generator runs on the
/// same cores as the server: on a shared machine the figures are noisy; compare peers within one run.
/// </summary>
public static class LoadBenchmark
{
    private const double MinFps = 24.5;
    private const double FrameIntervalMs = 40;
    private static readonly TimeSpan WindowStart = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WindowEnd = TimeSpan.FromSeconds(9);

    public static Command Create()
    {
        var sessions = new Option<string>("--sessions") { Description = "session counts to try, in order, for each server", DefaultValueFactory = _ => "50,100,200" };
        var peers = new Option<string>("--servers") { Description = "servers to load: rtsp-ref, gstreamer", DefaultValueFactory = _ => "rtsp-ref,gstreamer" };
        var transport = new Option<string>("--transport") { Description = "udp, or tcp (interleaved; arrival times then from this process, not the kernel)", DefaultValueFactory = _ => "udp" };
        var command = new Command("load", "N UDP or TCP sessions against rtsp-ref and GStreamer's RTSP server: loss, fps, pacing, CPU and RSS") { sessions, peers, transport };
        command.SetAction(async (parse, cancel) =>
        {
            var counts = parse.GetValue(sessions)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
            var servers = parse.GetValue(peers)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            bool tcp = parse.GetValue(transport) switch
            {
                "udp" => false,
                "tcp" => true,
                var other => throw new ArgumentException($"--transport {other}: udp or tcp"),
            };
            return await Run(counts, servers, tcp, cancel);
        });
        return command;
    }

    private static async Task<int> Run(List<int> counts, List<string> servers, bool tcp, CancellationToken cancel)
    {
        var unknown = servers.Where(s => s is not ("rtsp-ref" or "gstreamer")).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"unknown server(s) {string.Join(", ", unknown)}: use rtsp-ref, gstreamer");
            return 2;
        }
        var mediaDirectory = Directory.CreateTempSubdirectory("rtsp-load-").FullName;
        try
        {
            await WriteClipAsync(mediaDirectory, cancel);
            Console.WriteLine($"load benchmark: the same 640x480 25 fps MJPEG clip (ffmpeg testsrc, 10 s) on both servers, {(tcp ? "TCP interleaved (arrival: this process's clock)" : "UDP")}, one RTSP connection per session, measured from {WindowStart.TotalSeconds} s to {WindowEnd.TotalSeconds} s of each session");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores shared with the load generator, load average {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine($"pacing: each frame's first packet, {(tcp ? "read time in this process" : "kernel receive time")}, against the session's own grid (|error| from its median phase)");
            Console.WriteLine("CPU: the server process's user + system time over the measured seconds (100% = one core); us/kpkt: CPU microseconds per 1000 packets sent");
            Console.WriteLine($"{"server",-10} {"sessions",8} {"held",5} {"lost",7} {"min fps",8} {"pkt/s",8} {"CPU",6} {"CPU/sess",9} {"us/kpkt",8} {"RSS MiB",8} {"p50 ms",7} {"p99 ms",7} {"max ms",7}");
            foreach (var server in servers)
            {
                foreach (int n in counts)
                {
                    if (cancel.IsCancellationRequested)
                        return 1;
                    var step = await RunStep(server, n, mediaDirectory, tcp, cancel);
                    double cpuPerKilopacket = step.PacketsPerSecond == 0 ? 0 : step.CpuPercent / 100 * 1e6 / (step.PacketsPerSecond / 1000);
                    Console.WriteLine($"{server,-10} {n,8} {(step.Held ? "yes" : "NO"),5} {step.Lost,7} {step.MinFps,8:0.00} {step.PacketsPerSecond,8:0} {step.CpuPercent,5:0}% {step.CpuPercent / n,8:0.000}% {cpuPerKilopacket,8:0} {step.RssMegabytes,8:0} " +
                        $"{step.P50Ms,7:0.000} {step.P99Ms,7:0.000} {step.MaxMs,7:0.000}{step.Note}");
                    if (!step.Held)
                        break;
                }
            }
            return 0;
        }
        finally
        {
            Directory.Delete(mediaDirectory, recursive: true);
        }
    }

    private sealed record StepResult(bool Held, long Lost, double MinFps, double PacketsPerSecond, double CpuPercent, double RssMegabytes, double P50Ms, double P99Ms, double MaxMs, string Note);

    private static async Task<StepResult> RunStep(string name, int sessions, string mediaDirectory, bool tcp, CancellationToken cancel)
    {
        using var receiver = new KernelStampedReceiver(256 << 20);
        int port = receiver.BindEvenPair(out var rtcp);
        using var rtcpSocket = rtcp;
        string room = (sessions + 10).ToString(CultureInfo.InvariantCulture);
        await using var server = name == "gstreamer"
            ? await BenchmarkServer.StartGStreamerAsync(mediaDirectory)
            : await BenchmarkServer.StartAsync("--media", mediaDirectory, "--max-sessions", room, "--max-connections", room, "--max-connections-per-address", room);
        string presentation = server.Url + (name == "gstreamer" ? "avi" : "clip.mjpeg/");
        string track = name == "gstreamer" ? presentation + "/stream=0" : presentation + "stream=0";

        var loads = new Dictionary<uint, SessionLoad>();
        using var stop = new CancellationTokenSource();
        var reading = Task.Factory.StartNew(() => Read(receiver, loads, stop.Token), TaskCreationOptions.LongRunning);
        var connections = new List<TcpClient>();
        try
        {
            // Every session is set up first (one connection each, 10 at a time: GStreamer builds a pipeline per
            // SETUP), then all are played, so the 10 s clips overlap and the CPU window sees every session playing.
            string? failure = null;
            var ready = new List<(NetworkStream Stream, InterleavedDemultiplexer Parser, string Id)>();
            foreach (var batch in Enumerable.Range(0, sessions).Chunk(10))
            {
                string offer = tcp ? "RTP/AVP/TCP;unicast;interleaved=0-1" : $"RTP/AVP;unicast;client_port={port}-{port + 1}";
                var setups = await Task.WhenAll(batch.Select(_ => SetUpSession(server.Port, track, offer, cancel)));
                connections.AddRange(setups.Select(s => s.Connection));
                ready.AddRange(setups.Where(s => s.Failure is null).Select(s => (s.Connection.GetStream(), s.Parser, s.Id!)));
                failure ??= setups.Select(s => s.Failure).FirstOrDefault(f => f is not null);
                if (failure is not null)
                    break;
            }
            var playing = Stopwatch.StartNew();
            foreach (var batch in ready.Chunk(50))
            {
                var plays = await Task.WhenAll(batch.Select(s => Play(s.Stream, s.Parser, presentation, s.Id)));
                failure ??= plays.FirstOrDefault(f => f is not null);
            }
            var playSpread = playing.Elapsed;
            // TCP: one read loop per connection, each session its own SessionLoad (keyed by a made-up SSRC).
            var interleavedReads = tcp
                ? ready.Select((s, i) => ReadInterleavedAsync(s.Stream, s.Parser, Track(loads, (uint)i), stop.Token)).ToList()
                : [];
            // CPU over the stretch where every session plays: from 1 s after the last PLAY to 9 s after the first.
            var measured = WindowEnd - playSpread - WindowStart;
            if (measured < TimeSpan.FromSeconds(2))
                failure ??= $"PLAYs took {playSpread.TotalSeconds:0.0} s: sessions barely overlap";
            await Task.Delay(WindowStart, cancel);
            double cpuBefore = server.CpuSeconds();
            await Task.Delay(measured > TimeSpan.Zero ? measured : TimeSpan.FromSeconds(1), cancel);
            double cpu = (server.CpuSeconds() - cpuBefore) / Math.Max(1, measured.TotalSeconds) * 100;
            double rss = server.RssMegabytes();
            await Task.Delay(playSpread + TimeSpan.FromSeconds(1.5), cancel);
            await stop.CancelAsync();
            await reading;
            await Task.WhenAll(interleavedReads);

            var summaries = loads.Values.Select(l => l.Summary(WindowStart, WindowEnd)).ToList();
            var errors = summaries.SelectMany(s => s.ErrorsNs).Order().ToList();
            double Percentile(double p) => errors.Count == 0 ? 0 : errors[Math.Min(errors.Count - 1, (int)(p * errors.Count))] / 1e6;
            long lost = summaries.Sum(s => s.Lost);
            double minFps = summaries.Count == 0 ? 0 : summaries.Min(s => s.Fps);
            double packetsPerSecond = summaries.Sum(s => s.Packets) / (WindowEnd - WindowStart).TotalSeconds;
            string note = failure is not null ? $"  ({failure})" : summaries.Count == sessions ? "" : $"  ({summaries.Count} of {sessions} SSRCs seen)";
            // Frames a whole interval late on the 99th percentile are a server falling behind and catching up in
            // bursts (the fps can still look fine): not held either. Over TCP the times are this process's reads,
            // which say more about the generator's own scheduling: there only loss and fps count.
            bool held = failure is null && summaries.Count == sessions && lost == 0 && minFps >= MinFps && (tcp || Percentile(0.99) < FrameIntervalMs);
            return new StepResult(held, lost, minFps, packetsPerSecond, cpu, rss, Percentile(0.5), Percentile(0.99), errors.Count == 0 ? 0 : errors[^1] / 1e6, note);
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
            foreach (var connection in connections)
                connection.Dispose();
        }
    }

    /// <summary>
    /// The same frames for both servers: GStreamer's /avi mount plays clip.avi (the peer script's file, made here
    /// with its ffmpeg command), rtsp-ref plays clip.mjpeg, the AVI's JPEG frames copied out unchanged.
    /// </summary>
    private static async Task WriteClipAsync(string directory, CancellationToken cancel)
    {
        string avi = Path.Combine(directory, "clip.avi");
        await RunFfmpegAsync(cancel, "-f", "lavfi", "-i", "testsrc=size=640x480:rate=25", "-t", "10", "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-huffman", "default", avi);
        await RunFfmpegAsync(cancel, "-i", avi, "-c:v", "copy", "-f", "mjpeg", Path.Combine(directory, "clip.mjpeg"));
    }

    private static async Task RunFfmpegAsync(CancellationToken cancel, params string[] arguments)
    {
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-y" }.Concat(arguments))
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} exited with {process.ExitCode}");
    }

    private static async Task<(TcpClient Connection, InterleavedDemultiplexer Parser, string? Id, string? Failure)> SetUpSession(int serverPort, string track, string transport, CancellationToken cancel)
    {
        var connection = new TcpClient();
        var parser = new InterleavedDemultiplexer();
        try
        {
            await connection.ConnectAsync(IPAddress.Loopback, serverPort, cancel);
            var setup = await RtspRequests.SendAsync(connection.GetStream(), parser, "SETUP", track, 1, ("Transport", transport));
            return setup.StatusCode == 200
                ? (connection, parser, SessionHeader.Parse(setup.Headers.Get("Session")!).Id, null)
                : (connection, parser, null, $"SETUP answered {setup.StatusCode}");
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            return (connection, parser, null, ex.Message);
        }
    }

    private static async Task<string?> Play(NetworkStream stream, InterleavedDemultiplexer parser, string presentation, string id)
    {
        try
        {
            var play = await RtspRequests.SendAsync(stream, parser, "PLAY", presentation, 2, ("Session", id), ("Range", "npt=0-"));
            return play.StatusCode == 200 ? null : $"PLAY answered {play.StatusCode}";
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            return ex.Message;
        }
    }

    private static SessionLoad Track(Dictionary<uint, SessionLoad> loads, uint key)
    {
        var load = new SessionLoad();
        lock (loads)
            loads[key] = load;
        return load;
    }

    /// <summary>Reads one TCP session's interleaved RTP (channel 0) until stopped; arrival times from this process.</summary>
    private static async Task ReadInterleavedAsync(NetworkStream stream, InterleavedDemultiplexer demultiplexer, SessionLoad load, CancellationToken stop)
    {
        var buffer = new byte[65536];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                while (demultiplexer.TryReadNext(out var item))
                {
                    if (item is InterleavedFrame { Channel: 0, Payload: { Length: >= 12 } p } && p[0] >> 6 == 2)
                    {
                        long now = (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
                        load.Add((ushort)(p[2] << 8 | p[3]), (uint)(p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7]), now);
                    }
                }
                int read = await stream.ReadAsync(buffer, stop);
                if (read == 0)
                    return;
                demultiplexer.Feed(buffer.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped, or the server hung up: what was read is what counts.
        }
    }

    /// <summary>Reads every RTP packet of every session (one socket; sessions told apart by SSRC) until stopped.</summary>
    private static void Read(KernelStampedReceiver receiver, Dictionary<uint, SessionLoad> loads, CancellationToken stop)
    {
        var buffer = new byte[2048];
        while (!stop.IsCancellationRequested)
        {
            int read = receiver.Receive(buffer, out long kernelNs);
            if (read < 0)
                return;
            if (read < 12 || buffer[0] >> 6 != 2 || kernelNs == 0)
                continue;
            ushort sequence = (ushort)(buffer[2] << 8 | buffer[3]);
            uint timestamp = (uint)(buffer[4] << 24 | buffer[5] << 16 | buffer[6] << 8 | buffer[7]);
            uint ssrc = (uint)(buffer[8] << 24 | buffer[9] << 16 | buffer[10] << 8 | buffer[11]);
            if (!loads.TryGetValue(ssrc, out var load))
                loads[ssrc] = load = new SessionLoad();
            load.Add(sequence, timestamp, kernelNs);
        }
    }
}
