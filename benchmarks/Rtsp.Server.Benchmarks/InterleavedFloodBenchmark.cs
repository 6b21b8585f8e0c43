using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Benchmarks;

/// <summary>
/// `interleaved-flood`: what a client sending tiny interleaved frames costs the server (RFC 2326 10.12 lets a client
/// send '$' frames at any time; a hostile one sends millions). For each session count, that many TCP-interleaved
/// sessions are set up (READY, 100 per connection: a connection has 128 channel pairs), then one more connection
/// sends 4-byte frames on channel 7, which no session uses, and an OPTIONS behind them: the server has read every
/// frame when it answers. Prints the server's CPU seconds for the flood (/proc) and its rate; the cost must not grow
/// with the number of sessions in the server.
/// </summary>
public static class InterleavedFloodBenchmark
{
    private const int SessionsPerConnection = 100;
    private const int FramesPerWrite = 16384;
    private static readonly byte[] Frame = [(byte)'$', 7, 0, 0];

    public static Command Create()
    {
        var steps = new Option<string>("--sessions") { Description = "session counts to try, in order", DefaultValueFactory = _ => "10,1000" };
        var frames = new Option<int>("--frames") { Description = "frames in each flood", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("interleaved-flood", "server CPU for a flood of 4-byte interleaved frames, by sessions held") { steps, frames };
        command.SetAction(async (parse, cancel) =>
        {
            var counts = parse.GetValue(steps)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
            int writes = Math.Max(1, parse.GetValue(frames) / FramesPerWrite);
            Console.WriteLine($"interleaved flood: {writes * FramesPerWrite:N0} frames of 4 bytes on an unused channel, by sessions (READY, TCP) in the server");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine($"{"sessions",8} {"server CPU",11} {"wall",8} {"frames/s",12}");
            foreach (int sessions in counts)
            {
                var (cpu, wall) = await RunStep(sessions, writes, cancel);
                Console.WriteLine($"{sessions,8} {cpu,10:0.00}s {wall,7:0.00}s {writes * FramesPerWrite / wall,12:N0}");
            }
            return 0;
        });
        return command;
    }

    private static async Task<(double Cpu, double Wall)> RunStep(int sessions, int writes, CancellationToken cancel)
    {
        string room = (sessions + 10).ToString(CultureInfo.InvariantCulture);
        await using var server = await BenchmarkServer.StartAsync("--max-sessions", room, "--max-sessions-per-connection", room,
            "--max-requests-per-second", "100000");
        var connections = new List<TcpClient>();
        try
        {
            int cseq = 0;
            for (int set = 0; set < sessions; set += SessionsPerConnection)
            {
                var tcp = new TcpClient();
                connections.Add(tcp);
                await tcp.ConnectAsync(IPAddress.Loopback, server.Port, cancel);
                var parser = new InterleavedDemultiplexer();
                for (int i = set; i < Math.Min(sessions, set + SessionsPerConnection); i++)
                {
                    var setup = await RtspRequests.SendAsync(tcp.GetStream(), parser, "SETUP", server.Url + "sample.mjpeg/stream=0", ++cseq, ("Transport", "RTP/AVP/TCP;unicast"));
                    if (setup.StatusCode != 200)
                        throw new InvalidOperationException($"SETUP {i + 1} answered {setup.StatusCode}");
                }
            }
            using var flood = new TcpClient();
            await flood.ConnectAsync(IPAddress.Loopback, server.Port, cancel);
            var stream = flood.GetStream();
            var floodParser = new InterleavedDemultiplexer();
            await RtspRequests.SendAsync(stream, floodParser, "OPTIONS", "*", 1);
            var chunk = new byte[Frame.Length * FramesPerWrite];
            for (int i = 0; i < FramesPerWrite; i++)
                Frame.CopyTo(chunk, i * Frame.Length);
            double cpuBefore = server.CpuSeconds();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < writes; i++)
                await stream.WriteAsync(chunk, cancel);
            var options = await RtspRequests.SendAsync(stream, floodParser, "OPTIONS", "*", 2);
            double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (options.StatusCode != 200)
                throw new InvalidOperationException($"OPTIONS after the flood answered {options.StatusCode}");
            return (server.CpuSeconds() - cpuBefore, wall);
        }
        finally
        {
            foreach (var tcp in connections)
                tcp.Dispose();
        }
    }
}
