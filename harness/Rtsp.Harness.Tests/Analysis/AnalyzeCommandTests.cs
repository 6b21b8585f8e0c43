using Rtsp.Harness.Cli.Analyze;
using Rtsp.Harness.Tests.Capture;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary><c>rtsp-harness analyze</c> in-process: exit codes, the per-stream summary, the report folder.</summary>
public sealed class AnalyzeCommandTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("analyze-command-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_clean_capture_exits_0_prints_the_stream_and_writes_the_report()
    {
        string pcap = Write(versions: 2);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = AnalyzeCommand.Run(new FileInfo(pcap), null, null, new DirectoryInfo(Path.Combine(_folder, "reports", "run")), false, 25, stdout, stderr);

        exit.Should().Be(0, stdout.ToString());
        stdout.ToString().Should().Contain("udp 127.0.0.1:6970 → 127.0.0.1:50000").And.Contain("0 MUST and");
        File.Exists(Path.Combine(_folder, "reports", "run", "index.html")).Should().BeTrue();
        File.Exists(Path.Combine(_folder, "reports", "latest", "junit.xml")).Should().BeTrue();
    }

    [Test]
    public void A_must_failure_exits_1_and_names_the_check()
    {
        string pcap = Write(versions: 1);
        using var stdout = new StringWriter();

        int exit = AnalyzeCommand.Run(new FileInfo(pcap), null, null, null, false, 25, stdout, TextWriter.Null);

        exit.Should().Be(1);
        stdout.ToString().Should().Contain("FAIL MUST   rtp.header.version");
    }

    [Test]
    public void A_missing_file_or_a_bad_port_exits_2_with_the_reason()
    {
        using var stderr = new StringWriter();

        AnalyzeCommand.Run(new FileInfo(Path.Combine(_folder, "missing.pcap")), null, null, null, false, null, TextWriter.Null, stderr).Should().Be(2);
        AnalyzeCommand.Run(new FileInfo(Write(2)), null, 70000, null, false, null, TextWriter.Null, stderr).Should().Be(2);

        stderr.ToString().Should().Contain("no capture file at").And.Contain("--rtsp-port 70000");
    }

    // Ten 40 ms frames of one RTP packet each; version 1 headers when asked (found without RTSP by content:
    // the version-1 packets then sit between version-2 ones of the same flow).
    private string Write(int versions)
    {
        var capture = new CaptureFileBuilder();
        for (int i = 0; i < 10; i++)
        {
            var packet = new RtpPacket
            {
                Version = i % 2 == 1 ? versions : 2, PayloadType = 26, SequenceNumber = (ushort)(500 + i), Timestamp = (uint)(i * 3600), Ssrc = 9, Marker = true,
                Payload = new byte[] { 0, 0, 0, 0, 1, 50, 2, 2, 1, 2, 3 },
            }.ToArray();
            capture.Udp(1_764_000_000_000_000_000 + i * 40_000_000L, "127.0.0.1", 6970, "127.0.0.1", 50000, packet);
        }

        string path = Path.Combine(_folder, $"v{versions}.pcap");
        capture.WritePcap(path);
        return path;
    }
}
