using System.CommandLine;
using Rtsp.Harness.Cli.Analyze;

var root = new RootCommand("rtsp-harness: judge an RTSP/RTP (MJPEG) server against RFC 2326, RFC 3550 and RFC 2435.");
root.Subcommands.Add(AnalyzeCommand.Create());
return root.Parse(args).Invoke();
