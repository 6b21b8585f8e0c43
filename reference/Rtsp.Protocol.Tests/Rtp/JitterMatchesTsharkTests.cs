using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Protocol.Tests.Rtp;

/// <summary>
/// Shows how to reproduce tshark's RTP stream figures with this library: ffmpeg sends MJPEG over RTP on
/// loopback, tshark captures it, and the same pcap goes through RtpPacket, RtpReceptionStatistics and
/// JitterEstimator. Wireshark (ui/tap-rtp-analysis.c) runs plain A.8 over EVERY packet after the first, markers
/// included; only its min/mean/max summary skips the first and marker-bit packets, and its "mean" divides by the
/// count of all packets seen before (markers included), not by the count of samples.
/// </summary>
[Category("Interop")]
public partial class JitterMatchesTsharkTests
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(30);

    [Test]
    public void Jitter_and_loss_from_a_real_capture_match_tshark_rtp_streams()
    {
        RequireTools();
        var directory = Directory.CreateTempSubdirectory("rtp-jitter-");
        try
        {
            using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
            var pcap = Path.Combine(directory.FullName, "stream.pcap");

            Capture(pcap, port, () => Run("ffmpeg", ["-v", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2",
                "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-huffman", "default", "-q:v", "5", "-f", "rtp", $"rtp://127.0.0.1:{port}"]));

            var tshark = TsharkStreamSummary(pcap, port);
            var ours = Analyse(PcapUdpReader.ReadUdpPayloads(pcap, port));

            ours.Packets.Should().Be(tshark.Packets).And.BeGreaterThan(100);
            ours.Lost.Should().Be(tshark.Lost);
            // tshark prints three decimals.
            ours.MinJitter.Should().BeApproximately(tshark.MinJitter, 0.0006);
            ours.MeanJitter.Should().BeApproximately(tshark.MeanJitter, 0.0006);
            ours.MaxJitter.Should().BeApproximately(tshark.MaxJitter, 0.0006);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private sealed record StreamSummary(long Packets, long Lost, double MinJitter, double MeanJitter, double MaxJitter);

    private static StreamSummary Analyse(List<(double Seconds, byte[] Payload)> datagrams)
    {
        var statistics = new RtpReceptionStatistics();
        var jitter = new JitterEstimator(90000);
        double min = double.NaN, max = 0, mean = 0;
        long seen = 0;
        foreach (var (seconds, payload) in datagrams)
        {
            var packet = RtpPacket.Parse(payload);
            statistics.Update(packet.SequenceNumber);
            jitter.Update(packet.Timestamp, seconds * 90000);
            // Wireshark's summary: samples from packets other than the first and marker-bit ones.
            if (seen > 0 && !packet.Marker)
            {
                double sample = jitter.JitterMilliseconds;
                min = double.IsNaN(min) ? sample : Math.Min(min, sample);
                max = Math.Max(max, sample);
                mean = ((mean * (seen - 1)) + sample) / seen;
            }
            seen++;
        }
        return new StreamSummary(statistics.Received, statistics.CumulativeLost, min, mean, max);
    }

    private static StreamSummary TsharkStreamSummary(string pcap, int port)
    {
        var output = Run("tshark", ["-r", pcap, "-d", $"udp.port=={port},rtp", "-q", "-z", "rtp,streams"]);
        // "... JPEG   449     0 (0.0%)   0.007   7.824   73.932   0.001   0.779   4.001"
        var match = StreamLine().Match(output);
        match.Success.Should().BeTrue($"tshark printed one RTP stream line:\n{output}");
        double Number(int group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return new StreamSummary((long)Number(1), (long)Number(2), Number(3), Number(4), Number(5));
    }

    [GeneratedRegex(@"JPEG\s+(\d+)\s+(-?\d+)\s+\([^)]*\)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)")]
    private static partial Regex StreamLine();

    private static void Capture(string pcap, int port, Action whileCapturing)
    {
        var start = new ProcessStartInfo("tshark") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-i", "lo", "-f", $"udp dst port {port}", "-F", "pcap", "-w", pcap, "-a", "duration:20" })
        {
            start.ArgumentList.Add(argument);
        }
        using var tshark = Process.Start(start)!;
        var started = new TaskCompletionSource();
        tshark.ErrorDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Capturing on", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        tshark.OutputDataReceived += (_, _) => { };
        tshark.BeginErrorReadLine();
        tshark.BeginOutputReadLine();
        try
        {
            started.Task.Wait(ToolTimeout).Should().BeTrue("tshark reports 'Capturing on' once it captures");
            Thread.Sleep(300); // the filter is installed just after the message
            whileCapturing();
            Thread.Sleep(500); // let the last datagrams reach the capture
        }
        finally
        {
            // SIGINT lets tshark flush and close the file; -a duration is the backstop.
            if (!tshark.HasExited)
            {
                Process.Start("kill", ["-INT", tshark.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit(5000);
            }
            if (!tshark.WaitForExit((int)ToolTimeout.TotalMilliseconds))
            {
                tshark.Kill();
            }
        }
    }

    private static string Run(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            process.WaitForExit((int)ToolTimeout.TotalMilliseconds).Should().BeTrue($"{tool} finishes within {ToolTimeout}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        process.ExitCode.Should().Be(0, $"{tool} {string.Join(' ', arguments)} failed: {error.Result}");
        return output.Result;
    }

    private static void RequireTools()
    {
        foreach (var tool in new[] { "tshark", "ffmpeg" })
        {
            var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
            if (!found)
            {
                Assert.Ignore($"{tool} is not installed; ./run-tests.sh interop installs it (apt-get install ffmpeg tshark).");
            }
        }
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("Capturing on lo needs root (or CAP_NET_RAW for dumpcap); run the interop tests as root.");
        }
    }
}
