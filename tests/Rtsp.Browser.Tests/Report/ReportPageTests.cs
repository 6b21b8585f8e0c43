using Microsoft.Playwright;
using OpenCvSharp;
using Rtsp.Browser.Tests.Infrastructure;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Packets;
using Rtsp.Harness.Reports;
using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Browser.Tests.Report;

/// <summary>
/// The HTML report opened from file:// in Debian Chromium: the summary matrix renders with one linked cell per
/// scenario × transport, a scenario page shows its charts and decoded-frame thumbnails, its links resolve, nothing is
/// fetched from the network, and screenshots are saved into the report folder.
/// </summary>
[Category("Browser")]
public sealed class ReportPageTests
{
    [Test]
    public async Task The_report_renders_its_matrix_and_a_scenario_page_with_charts_and_thumbnails()
    {
        // Kept under reports/ so CI uploads the pages and screenshots with the other reports.
        string reports = Path.Combine(RepositoryPaths.Root, "reports", "report-browser-test");
        if (Directory.Exists(reports))
        {
            Directory.Delete(reports, recursive: true);
        }

        {
            string run = Path.Combine(reports, "run-1");
            string captures = Path.Combine(reports, "captures");
            Directory.CreateDirectory(captures);
            await File.WriteAllBytesAsync(Path.Combine(captures, "clip-udp.pcap"), [0xD4, 0xC3, 0xB2, 0xA1]);
            var report = BuildReport();
            ReportWriter.WriteAll(report, run);

            await using var browser = await ChromiumBrowser.LaunchAsync();
            var page = await browser.NewPageAsync();
            var requested = new List<string>();
            page.Request += (_, request) => requested.Add(request.Url);

            await page.GotoAsync(new Uri(Path.Combine(run, "index.html")).AbsoluteUri);
            var cells = page.Locator("#matrix tbody td a");
            (await cells.CountAsync()).Should().Be(2);
            (await page.Locator("#matrix tbody td.pass").CountAsync()).Should().Be(1);
            (await page.Locator("#matrix tbody td.fail").CountAsync()).Should().Be(1);
            (await page.Locator("#catalogue tbody tr").CountAsync()).Should().Be(AnalysisPipeline.Catalogue.Count);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(run, "screenshot-index.png"), FullPage = true });

            await page.Locator("#matrix tbody td.pass a").ClickAsync();
            await page.WaitForURLAsync("**/scenarios/*.html");
            (await page.Locator("svg.chart").CountAsync()).Should().BeGreaterThanOrEqualTo(4, "interval, histogram, jitter and bitrate");
            (await page.Locator("svg.chart path.series").CountAsync()).Should().BeGreaterThanOrEqualTo(3);
            var thumbnails = page.Locator("img.thumbnail");
            (await thumbnails.CountAsync()).Should().Be(2);
            for (int i = 0; i < 2; i++)
            {
                int width = await thumbnails.Nth(i).EvaluateAsync<int>("img => img.naturalWidth");
                width.Should().Be(160, "the decoded frame renders at its size");
            }

            (await page.Locator("#checks tbody tr").CountAsync()).Should().Be(report.Scenarios[0].Analysis.Results.Count);
            string pcapHref = await page.Locator("a.pcap").EvaluateAsync<string>("a => a.href");
            File.Exists(new Uri(pcapHref).LocalPath).Should().BeTrue($"the pcap link {pcapHref} resolves");
            (await page.Locator("#transcript").InnerTextAsync()).Should().Contain("<script>alert(1)</script>", "the transcript shows hostile text as text");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(run, "screenshot-scenario.png"), FullPage = true });

            await page.Locator("a[href='../index.html']").ClickAsync();
            await page.WaitForURLAsync("**/index.html");
            (await page.Locator("#matrix").IsVisibleAsync()).Should().BeTrue();
            requested.Should().OnlyContain(url => url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal));
            File.Exists(Path.Combine(run, "screenshot-index.png")).Should().BeTrue();
            File.Exists(Path.Combine(run, "screenshot-scenario.png")).Should().BeTrue();
            TestContext.Out.WriteLine($"report and screenshots in {run}");
        }
    }

    // Two runs of a real analysis: a paced RFC 2435 stream as a server sends it, and the same stream with its marker bits cleared.
    private static RunReport BuildReport()
    {
        var clean = AnalysisPipeline.Run(Stream(markers: true));
        var broken = AnalysisPipeline.Run(Stream(markers: false));
        var transcript = new List<TranscriptEntry>
        {
            new(1_764_000_000_000_000_000, false, "PLAY rtsp://127.0.0.1:8554/clip RTSP/1.0\r\nCSeq: 4\r\n\r\n"),
            new(1_764_000_000_001_000_000, true, "RTSP/1.0 200 OK\r\nCSeq: 4\r\nX-Note: <script>alert(1)</script>\r\n\r\n"),
        };
        return new RunReport("run-1", "rtsp://127.0.0.1:8554/clip", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5), "pcap", AnalysisPipeline.Catalogue,
        [
            new("clip", "PLAY 3 s", "udp", ScenarioOutcome.Pass, null, transcript, clean, "captures/clip-udp.pcap", 0, TimeSpan.FromSeconds(3)),
            new("clip", "PLAY 3 s", "tcp", ScenarioOutcome.Fail, null, transcript, broken, null, 0, TimeSpan.FromSeconds(3)),
        ]);
    }

    private static AnalysisInput Stream(bool markers)
    {
        using var image = new Mat(120, 160, MatType.CV_8UC3, new Scalar(30, 120, 200));
        Cv2.PutText(image, "report", new OpenCvSharp.Point(10, 70), HersheyFonts.HersheySimplex, 1, Scalar.White, 2);
        Cv2.ImEncode(".jpg", image, out byte[] jpeg);
        var payloads = new JpegPacketizer(400).Packetize(JpegFrameInfo.Parse(jpeg));
        var packets = new List<StreamPacket>();
        long start = 1_764_000_000_002_000_000;
        ushort seq = 100;
        for (int frame = 0; frame < 75; frame++)
        {
            for (int p = 0; p < payloads.Count; p++)
            {
                var rtp = new RtpPacket
                {
                    PayloadType = 26, SequenceNumber = seq++, Timestamp = 5000 + (uint)frame * 3600, Ssrc = 7,
                    Marker = markers && p == payloads.Count - 1, Payload = payloads[p],
                };
                long time = start + frame * 40_000_000L + (frame % 7) * 300_000 + p * 40_000;
                packets.Add(new StreamPacket(packets.Count + 1, time, PacketKind.Rtp, PacketDirection.FromServer, false, "127.0.0.1", 6970, "127.0.0.1", 50000, null, rtp.ToArray()));
            }
        }

        const string sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=clip\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\na=rtpmap:26 JPEG/90000\r\na=framerate:25\r\n";
        return new AnalysisInput(packets, sdp, [], TimestampsFromCapture: true);
    }
}
