using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Capture;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Packets;
using Rtsp.Harness.Reports;
using Rtsp.Protocol;

namespace Rtsp.Harness.Cli.Analyze;

/// <summary>
/// <c>rtsp-harness analyze FILE.pcap</c>: offline analysis of any capture (one the harness wrote, or a user's
/// tcpdump/Wireshark file) with the same analyzers as a live run. Exit codes: 0 no MUST failure, 1 failures,
/// 2 usage or file error.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A pcap or pcapng capture (Ethernet, Linux cooked SLL/SLL2 or raw IP; IPv4/IPv6)." };
        var sdp = new Option<FileInfo?>("--sdp") { Description = "SDP to judge payload types and frame rate against when the capture has no DESCRIBE." };
        var rtspPort = new Option<int?>("--rtsp-port") { Description = "The server's RTSP TCP port (default: 554, 8554, or any connection that looks like RTSP)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write the HTML/JUnit/JSON report into this folder (its parent gets a 'latest' link)." };
        var json = new Option<bool>("--json") { Description = "Print the streams and check results as JSON instead of text." };
        var fps = new Option<double?>("--fps") { Description = "Nominal frame rate when neither the SDP nor the capture gives one." };
        var noDecode = new Option<bool>("--no-decode") { Description = "Reassemble frames but do not decode them with OpenCV (jpeg.decode is then not applicable)." };
        var command = new Command("analyze", "Analyse a capture offline: RTP/RTCP/RFC 2435 checks, jitter as Wireshark computes it, PAUSE/TEARDOWN silence.")
        {
            file, sdp, rtspPort, output, json, fps, noDecode,
        };
        command.SetAction(parse => Run(
            parse.GetValue(file)!, parse.GetValue(sdp), parse.GetValue(rtspPort), parse.GetValue(output), parse.GetValue(json), parse.GetValue(fps),
            Console.Out, Console.Error, decode: !parse.GetValue(noDecode)));
        return command;
    }

    public static int Run(
        FileInfo file, FileInfo? sdpFile, int? rtspPort, DirectoryInfo? output, bool json, double? fps, TextWriter stdout, TextWriter stderr, bool decode = true)
    {
        if (rtspPort is < 1 or > 65535)
        {
            stderr.WriteLine($"rtsp-harness analyze: --rtsp-port {rtspPort} is not a TCP port (1-65535)");
            return 2;
        }

        CaptureContents contents;
        string? sdpText;
        var started = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            contents = CaptureReader.Read(file.FullName, rtspPort);
            sdpText = sdpFile is null ? contents.SdpText : File.ReadAllText(sdpFile.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ProtocolFormatException)
        {
            stderr.WriteLine($"rtsp-harness analyze: {e.Message}");
            return 2;
        }

        var input = new AnalysisInput(contents.Packets, sdpText, contents.Events, TimestampsFromCapture: true) { NominalFrameRate = fps, DecodeFrames = decode };
        var result = AnalysisPipeline.Run(input);
        var streams = StreamSummary.Of(input);
        clock.Stop();
        bool mustFailed = result.Results.Any(r => r.Verdict == Verdict.Fail && r.Check.Level == CheckLevel.Must);

        if (json)
        {
            WriteJson(stdout, file, contents, streams, result);
        }
        else
        {
            WriteText(stdout, file, contents, streams, result, clock.Elapsed);
        }

        if (output is not null)
        {
            var report = BuildReport(file, contents, result, started, clock.Elapsed, mustFailed);
            try
            {
                ReportWriter.WriteAll(report, output.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"rtsp-harness analyze: cannot write the report to {output.FullName}: {e.Message}");
                return 2;
            }

            if (!json)
            {
                stdout.WriteLine($"report: {Path.Combine(output.FullName, "index.html")}");
            }
        }

        return mustFailed ? 1 : 0;
    }

    private static void WriteText(TextWriter o, FileInfo file, CaptureContents contents, IReadOnlyList<StreamSummary> streams, AnalysisResult result, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"{file.Name}: {contents.FrameCount} frames, {contents.FileBytes / 1e6:0.0} MB, link type {contents.LinkType}, {contents.Packets.Count} RTP/RTCP/RTSP units, {contents.Events.Count} RTSP exchanges, analysed in {elapsed.TotalSeconds:0.00} s"));
        foreach (var warning in contents.Warnings.Take(10))
        {
            o.WriteLine($"warning: {warning}");
        }

        o.WriteLine();
        o.WriteLine("streams (jitter and delta as Wireshark computes them):");
        o.WriteLine($"  {"stream",-52} {"SSRC",-8} {"PT",3} {"packets",8} {"lost",6} {"dup",5} {"reord",5} {"maxΔ ms",8} {"maxJ ms",8} {"meanJ ms",8} {"frames",7} {"fps",7}");
        foreach (var s in streams)
        {
            o.WriteLine(string.Create(c,
                $"  {Truncate(s.Name, 52),-52} {s.Ssrc:X8} {s.PayloadType,3} {s.Packets,8} {s.Lost,6} {s.Duplicates,5} {s.Reordered,5} {s.MaxDeltaMs,8:0.000} {s.MaxJitterMs,8:0.000} {s.MeanJitterMs,8:0.000} {s.Frames,7} {s.FrameRate,7:0.00}"));
        }

        if (streams.Count == 0)
        {
            o.WriteLine("  (no RTP from a server found)");
        }

        var decode = result.Results.FirstOrDefault(r => r.Check.Id == "jpeg.decode");
        if (decode?.Metrics is { } metrics)
        {
            o.WriteLine(string.Create(c, $"  decoded frames: {metrics.GetValueOrDefault("frames_decoded")}, decode failures: {metrics.GetValueOrDefault("decode_failures")}"));
        }

        o.WriteLine();
        o.WriteLine("checks:");
        foreach (var r in result.Results.OrderBy(r => r.Verdict == Verdict.Fail ? 0 : 1).ThenBy(r => r.Check.Level))
        {
            string verdict = r.Verdict switch
            {
                Verdict.Fail => "FAIL",
                Verdict.Pass => "pass",
                Verdict.NotSupported => "n/s",
                Verdict.NotApplicable => "n/a",
                _ => "info",
            };
            o.WriteLine($"  {verdict,-4} {r.Check.Level.ToString().ToUpperInvariant(),-6} {r.Check.Id,-26} {Truncate(r.Evidence, 160)}");
        }

        int must = result.Results.Count(r => r.Verdict == Verdict.Fail && r.Check.Level == CheckLevel.Must);
        int should = result.Results.Count(r => r.Verdict == Verdict.Fail && r.Check.Level == CheckLevel.Should);
        o.WriteLine();
        o.WriteLine($"{must} MUST and {should} SHOULD checks failed.");
    }

    private static void WriteJson(TextWriter o, FileInfo file, CaptureContents contents, IReadOnlyList<StreamSummary> streams, AnalysisResult result)
    {
        var document = new
        {
            file = file.FullName,
            frames = contents.FrameCount,
            linkType = contents.LinkType,
            warnings = contents.Warnings,
            streams,
            checks = result.Results.Select(r => new
            {
                id = r.Check.Id,
                level = r.Check.Level.ToString().ToUpperInvariant(),
                clause = r.Check.Clause,
                verdict = r.Verdict.ToString(),
                evidence = r.Evidence,
                packets = r.PacketNumbers,
                metrics = r.Metrics,
            }),
        };
        o.WriteLine(JsonSerializer.Serialize(document, JsonReportWriter.Options));
    }

    private static RunReport BuildReport(FileInfo file, CaptureContents contents, AnalysisResult result, DateTimeOffset started, TimeSpan elapsed, bool mustFailed)
    {
        var transcript = contents.Packets
            .Where(p => p.Kind is PacketKind.RtspRequest or PacketKind.RtspResponse)
            .Select(p => new TranscriptEntry(p.TimestampNs, p.Direction == PacketDirection.FromServer, Encoding.UTF8.GetString(p.Data.Span)))
            .ToList();
        bool tcp = contents.Packets.Any(p => p.OverTcp && p.Kind is PacketKind.Rtp);
        bool udp = contents.Packets.Any(p => !p.OverTcp && p.Kind is PacketKind.Rtp);
        var run = new ScenarioRun(
            Path.GetFileNameWithoutExtension(file.Name),
            $"offline analysis of {file.Name}",
            tcp && udp ? "mixed" : tcp ? "tcp" : "udp",
            mustFailed ? ScenarioOutcome.Fail : ScenarioOutcome.Pass,
            null,
            transcript,
            result,
            file.FullName,
            0,
            elapsed);
        return new RunReport(
            $"analyze-{started:yyyyMMdd-HHmmss}", file.Name, started, elapsed, "pcap file", AnalysisPipeline.Catalogue, [run]);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
