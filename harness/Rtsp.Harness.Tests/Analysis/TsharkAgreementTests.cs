using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Rtsp.Harness.Cli.Analyze;
using Rtsp.Harness.Tests.Capture;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>
/// <c>rtsp-harness analyze</c> and <c>tshark -z rtp,streams</c> read the same pcap of an RTP stream with
/// controlled loss, jitter, a late frame and a sequence wrap, and must agree on packets, lost, max delta and
/// max/mean jitter.
/// </summary>
[Category("Interop")]
public sealed class TsharkAgreementTests
{
    [Test]
    public void Analyze_agrees_with_tshark_on_packets_loss_delta_and_jitter()
    {
        string folder = Directory.CreateTempSubdirectory("tshark-agreement-").FullName;
        try
        {
            string pcap = Path.Combine(folder, "stream.pcap");
            WriteStream(pcap);

            var tshark = RunTshark(pcap);
            var ours = RunAnalyze(pcap);
            TestContext.Out.WriteLine($"tshark: {tshark}; analyze: {ours}");

            ours.GetProperty("packets").GetInt64().Should().Be(tshark.Packets);
            ours.GetProperty("lost").GetInt64().Should().Be(tshark.Lost);
            ours.GetProperty("maxDeltaMs").GetDouble().Should().BeApproximately(tshark.MaxDelta, 0.0015);
            ours.GetProperty("maxJitterMs").GetDouble().Should().BeApproximately(tshark.MaxJitter, 0.0015);
            ours.GetProperty("meanJitterMs").GetDouble().Should().BeApproximately(tshark.MeanJitter, 0.0015);
            tshark.Lost.Should().BeGreaterThan(0, "the stream was written with losses");
            tshark.MaxJitter.Should().BeGreaterThan(0.5, "the stream was written with jitter");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // 40 ms frames of 5 packets with random jitter up to 3 ms, every 37th packet dropped, one frame 30 ms late,
    // sequence numbers wrapping through 65535.
    private static void WriteStream(string path)
    {
        var capture = new CaptureFileBuilder();
        var random = new Random(11);
        long t0 = 1_764_000_000_000_000_000;
        ushort seq = 65000;
        int index = 0;
        for (int frame = 0; frame < 400; frame++)
        {
            long frameTime = t0 + frame * 40_000_000L + (long)(random.NextDouble() * 3_000_000) + (frame == 200 ? 30_000_000 : 0);
            for (int p = 0; p < 5; p++, index++, seq++)
            {
                if (index % 37 == 36)
                {
                    continue;
                }

                var rtp = new RtpPacket
                {
                    PayloadType = 26, SequenceNumber = seq, Timestamp = 1000 + (uint)frame * 3600, Ssrc = 0xCAFE, Marker = p == 4, Payload = new byte[1000],
                }.ToArray();
                capture.Udp(frameTime + p * 120_000 + (long)(random.NextDouble() * 50_000), "127.0.0.1", 6970, "127.0.0.1", 50000, rtp);
            }
        }

        capture.WritePcap(path);
    }

    private static (long Packets, long Lost, double MaxDelta, double MaxJitter, double MeanJitter) RunTshark(string pcap)
    {
        var start = new ProcessStartInfo("tshark", ["-r", pcap, "-d", "udp.port==6970,rtp", "-q", "-z", "rtp,streams"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tshark did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("tshark did not finish within 60 s");
        }

        // "... 0x0000CAFE JPEG  1946  54 (2.7%)  0.0xx  40.0xx  73.xxx  0.0xx  1.2xx  3.4xx"
        var line = output.Result.Split('\n').Single(l => l.Contains("0x0000CAFE", StringComparison.Ordinal));
        var fields = line.Replace("(", " ", StringComparison.Ordinal).Replace(")", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int pt = Array.FindIndex(fields, f => f == "JPEG");
        double F(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
        // After the payload: packets, lost, lost%, min/mean/max delta, min/mean/max jitter.
        return ((long)F(pt + 1), (long)F(pt + 2), F(pt + 6), F(pt + 9), F(pt + 8));
    }

    private static JsonElement RunAnalyze(string pcap)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = AnalyzeCommand.Run(new FileInfo(pcap), null, null, null, json: true, fps: 25, stdout, stderr);
        exit.Should().BeOneOf([0, 1], stderr.ToString());
        using var document = JsonDocument.Parse(stdout.ToString());
        return document.RootElement.GetProperty("streams")[0].Clone();
    }
}
